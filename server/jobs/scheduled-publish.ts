// The jobs behind scheduled posts: one job per schedule that wakes the publisher on time, a sweep
// every minute (and at start-up) for anything overdue, and the hourly purge of the trash. A post's
// first publish also queues the emails to its members.
import "server-only";
import { publishDueScheduledPosts, publishScheduledPost, purgeExpiredTrash } from "../services/posts/lifecycle";
import {
  PUBLISH_OVERDUE_POSTS,
  PUBLISH_SCHEDULED_POST,
  PURGE_EXPIRED_TRASH,
  type PublishScheduledPostJob,
} from "./queues";
import { registerPeriodicJob, registerQueue } from "./registry";
import type { QueueHandler } from "./types";

/**
 * A job for a post that was unscheduled, rescheduled later or already published does nothing.
 * The publish itself records and queues its members' emails when it is the post's first.
 */
export const publishScheduledPostHandler: QueueHandler<PublishScheduledPostJob> = async ({ postId }, { db, now }) => {
  await publishScheduledPost(db, postId, now);
};

export async function registerPostLifecycleJobs(): Promise<void> {
  await registerQueue(PUBLISH_SCHEDULED_POST, publishScheduledPostHandler);
  await registerPeriodicJob(PUBLISH_OVERDUE_POSTS, 1, async ({ db, now }) => {
    await publishDueScheduledPosts(db, now);
  });
  await registerPeriodicJob(PURGE_EXPIRED_TRASH, 60, async ({ db, now }) => {
    await purgeExpiredTrash(db, now);
  });
}
