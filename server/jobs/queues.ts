// Queue names, and the one call services make to ask for a job. No service imports here, so
// services can use it without an import cycle.
import "server-only";
import { log } from "../observability/log";
import { enqueue } from "./registry";

export const PUBLISH_SCHEDULED_POST = "publish-scheduled-post";
export const PUBLISH_OVERDUE_POSTS = "publish-overdue-posts";
export const PURGE_EXPIRED_TRASH = "purge-expired-trash";
export const NOTIFY_POST_MEMBERS = "notify-post-members";
export const RETRY_POST_NOTIFICATIONS = "retry-post-notifications";
export const SEND_WELCOME_EMAIL = "send-welcome-email";

export type PublishScheduledPostJob = { postId: string };
export type NotifyPostMembersJob = { postId: string };
export type SendWelcomeEmailJob = { membershipId: string };

/**
 * Wakes the publisher at `at`. Best effort by design: the post row is the truth, and the sweep
 * every minute (and at start-up) publishes anything whose job was lost.
 */
export async function requestScheduledPublish(postId: string, at: Date): Promise<void> {
  try {
    await enqueue<PublishScheduledPostJob>(PUBLISH_SCHEDULED_POST, { postId }, { startAfter: at });
  } catch (error) {
    log.warn({ err: error, postId, queue: PUBLISH_SCHEDULED_POST }, "could not queue a scheduled publish; the sweep will publish the post");
  }
}

/**
 * Emails a just-published post's members, off the request. Best effort like the publish job: the
 * recorded first publish is the truth, and the periodic retry sends anything whose job was lost.
 */
export async function requestMemberNotifications(postId: string): Promise<void> {
  try {
    await enqueue<NotifyPostMembersJob>(NOTIFY_POST_MEMBERS, { postId });
  } catch (error) {
    log.warn({ err: error, postId, queue: NOTIFY_POST_MEMBERS }, "could not queue the member emails of a post; the retry sweep will send them");
  }
}

/**
 * Welcomes a new member by email, off the request. Best effort: the membership's welcomed_at is
 * the truth, and the sweep every minute welcomes anyone a lost job missed.
 */
export async function requestWelcomeEmail(membershipId: string): Promise<void> {
  try {
    await enqueue<SendWelcomeEmailJob>(SEND_WELCOME_EMAIL, { membershipId });
  } catch (error) {
    log.warn({ err: error, membershipId, queue: SEND_WELCOME_EMAIL }, "could not queue a welcome email; the sweep will send it");
  }
}
