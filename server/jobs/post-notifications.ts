// The member emails of a first publish: one job per post, and a sweep every five minutes for jobs
// that were lost, deliveries that failed, and deliveries whose worker died (once their lease is
// over). Deliveries are claimed per recipient, so overlapping runs send each email once.
import "server-only";
import { deliverPostNotifications, retryOpenNotifications } from "../services/posts/notifications";
import { NOTIFY_POST_MEMBERS, RETRY_POST_NOTIFICATIONS, type NotifyPostMembersJob } from "./queues";
import { registerPeriodicJob, registerQueue } from "./registry";
import type { QueueHandler } from "./types";

export const notifyPostMembersHandler: QueueHandler<NotifyPostMembersJob> = async ({ postId }, { db, now }) => {
  await deliverPostNotifications(db, postId, now);
};

export async function registerPostNotificationJobs(): Promise<void> {
  await registerQueue(NOTIFY_POST_MEMBERS, notifyPostMembersHandler);
  await registerPeriodicJob(RETRY_POST_NOTIFICATIONS, 5, async ({ db, now }) => {
    await retryOpenNotifications(db, now);
  });
}
