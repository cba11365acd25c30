// Queue names, and the one call services make to ask for a job. No service imports here, so
// services can use it without an import cycle.
import { enqueue } from "./registry";

export const PUBLISH_SCHEDULED_POST = "publish-scheduled-post";
export const PUBLISH_OVERDUE_POSTS = "publish-overdue-posts";
export const PURGE_EXPIRED_TRASH = "purge-expired-trash";

export type PublishScheduledPostJob = { postId: string };

/**
 * Wakes the publisher at `at`. Best effort by design: the post row is the truth, and the sweep
 * every minute (and at start-up) publishes anything whose job was lost.
 */
export async function requestScheduledPublish(postId: string, at: Date): Promise<void> {
  try {
    await enqueue<PublishScheduledPostJob>(PUBLISH_SCHEDULED_POST, { postId }, { startAfter: at });
  } catch (error) {
    console.error(`[jobs] could not queue the publish of post ${postId}; the sweep will publish it`, error);
  }
}
