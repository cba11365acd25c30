// Emails to a creator's members when a post is first published: the publish records that the
// post asked to notify, a job sends one email per member, each built through the access policy
// for that member, and each claimed in `notification_deliveries` (for a lease) before it goes out.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, count, eq, gt, gte, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notificationDeliveries, postMedia, postNotifications, posts } from "@/db/schema";
import { siteOrigin } from "../../http/site-origin";
import { log } from "../../observability/log";
import { loadAccessViewer } from "../access/policy";
import { emailLinkUrl } from "../analytics/email-links";
import { recordEvents } from "../analytics/ingest";
import type { ServiceContext } from "../context";
import { sendMail } from "../mail";
import { EMAIL_MEDIA_TTL_MS, signMediaUrlsInHtml } from "../media/signed-url";
import { liveMembersOf } from "../memberships/audience";
import { unsubscribeToken } from "../memberships/email-preferences";
import { postNotificationMessage } from "./notification-email";
import { getReadablePostWithText } from "./reads";

/** A delivery that failed is tried again this many times in all, then given up. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Open notifications older than this are not retried: news that late is no longer news. */
const RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** The sweep leaves fresh notifications to the job that was queued for them. */
const SWEEP_GRACE_MS = 2 * 60 * 1000;
/**
 * How long a claimed delivery stays its worker's. Longer than one message can take (nodemailer's
 * default timeouts give up on a silent mail server after about 12 minutes), so only a dead
 * worker's claim is ever taken over: a live worker past its lease would send a second email.
 */
export const DELIVERY_LEASE_MS = 15 * 60 * 1000;

/**
 * Called inside the transaction of a post's FIRST publish (never for Update or a republish):
 * records that its members are to be emailed, so a lost job is caught up by the sweep.
 */
export async function recordFirstPublish(tx: Db, post: { id: string; notifyMembers: boolean }, now: Date): Promise<boolean> {
  if (!post.notifyMembers) return false;
  const rows = await tx
    .insert(postNotifications)
    .values({ postId: post.id, createdAt: now })
    .onConflictDoNothing()
    .returning({ postId: postNotifications.postId });
  return rows.length > 0;
}

type Recipient = { userId: string; email: string };

/** Members whose membership grants membership now and who did not turn this creator's emails off. */
export async function recipientsOf(db: Db, creatorId: string, now: Date): Promise<Recipient[]> {
  const members = await liveMembersOf(db, creatorId, now);
  return members.filter((member) => !member.emailsOff).map(({ userId, email }) => ({ userId, email }));
}

/**
 * Claims the (post, recipient) delivery for a lease: a new one, one that failed, or one whose
 * worker died holding it (its lease ran out), while attempts are left. The unique key makes
 * concurrent claimers wait on each other, and the loser sees the winner's live `sending` row and
 * gets nothing back, so two workers never both send. Returns the claim's token, or null.
 */
export async function claimDelivery(db: Db, postId: string, userId: string, now: Date): Promise<string | null> {
  const claimToken = randomUUID();
  const leaseUntil = new Date(now.getTime() + DELIVERY_LEASE_MS);
  const rows = await db
    .insert(notificationDeliveries)
    .values({ postId, userId, state: "sending", attempts: 1, claimToken, leaseUntil, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [notificationDeliveries.postId, notificationDeliveries.userId],
      set: { state: "sending", attempts: sql`${notificationDeliveries.attempts} + 1`, claimToken, leaseUntil, lastError: null, updatedAt: now },
      setWhere: and(
        lt(notificationDeliveries.attempts, MAX_DELIVERY_ATTEMPTS),
        or(
          eq(notificationDeliveries.state, "failed"),
          and(eq(notificationDeliveries.state, "sending"), lt(notificationDeliveries.leaseUntil, now)),
        ),
      ),
    })
    .returning({ postId: notificationDeliveries.postId });
  return rows.length > 0 ? claimToken : null;
}

/** Settles a claim this worker still holds; one taken over after its lease ran out is left to its new holder. */
async function settleDelivery(
  db: Db,
  claim: { postId: string; userId: string; token: string },
  state: "sent" | "failed" | "skipped",
  now: Date,
  lastError: string | null = null,
): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({ state, lastError, updatedAt: now })
    .where(
      and(
        eq(notificationDeliveries.postId, claim.postId),
        eq(notificationDeliveries.userId, claim.userId),
        eq(notificationDeliveries.claimToken, claim.token),
      ),
    );
}

/**
 * Deliveries of the post that still owe an email: claimed by a worker that is still within its
 * lease or may be retried after it, or failed with attempts left. None left: the post is done.
 */
async function owedDeliveries(db: Db, postId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ owed: count() })
    .from(notificationDeliveries)
    .where(
      and(
        eq(notificationDeliveries.postId, postId),
        or(
          and(
            eq(notificationDeliveries.state, "sending"),
            or(gte(notificationDeliveries.leaseUntil, now), lt(notificationDeliveries.attempts, MAX_DELIVERY_ATTEMPTS)),
          ),
          and(eq(notificationDeliveries.state, "failed"), lt(notificationDeliveries.attempts, MAX_DELIVERY_ATTEMPTS)),
        ),
      ),
    );
  return row?.owed ?? 0;
}

/**
 * One recipient's email, decided by the access policy as that recipient: the body only when the
 * policy grants it. Null when the post no longer exists for them (unpublished meanwhile).
 */
async function messageFor(db: Db, postId: string, recipient: Recipient, now: Date, origin: string) {
  // `creator: undefined` so the policy looks up whether this recipient owns a page itself.
  const ctx: ServiceContext = { db, now, viewer: { userId: recipient.userId }, creator: undefined };
  const viewer = await loadAccessViewer(ctx);
  const readable = await getReadablePostWithText(ctx, postId, viewer);
  if (!readable) return null;
  // Mail clients send no session: the post's own media in what the policy granted get signed,
  // expiring addresses (post_media holds only the creator's files, whatever ids the text names).
  const mediaExpiry = new Date(now.getTime() + EMAIL_MEDIA_TTL_MS);
  const ownMedia = new Set(
    (await db.select({ id: postMedia.mediaId }).from(postMedia).where(eq(postMedia.postId, postId))).map((row) => row.id),
  );
  // The presenter gave either the body or the teaser, each with its plain text for the text part.
  const html = (readable.locked ? readable.teaserHtml : readable.html) ?? "";
  const shown = { html: signMediaUrlsInHtml(html, mediaExpiry, ownMedia), text: readable.text };
  const token = unsubscribeToken(recipient.userId, readable.creator.id);
  const message = postNotificationMessage(
    {
      to: recipient.email,
      creator: readable.creator,
      post: { title: readable.title, slug: readable.slug },
      full: readable.locked ? null : shown,
      teaser: readable.locked ? shown : { html: "", text: "" },
      joinTier: readable.joinTier,
      readUrl: emailLinkUrl(origin, postId),
      unsubscribeUrl: `${origin}/account/unsubscribe/${token}`,
      oneClickUnsubscribeUrl: `${origin}/api/unsubscribe/${token}`,
    },
    origin,
  );
  // NOTE: one id per post and recipient. If a worker dies after the mail server took the message
  // but before the delivery was marked sent, the retry sends it again under the same id, which
  // lets mail systems that fold duplicates show it once.
  const messageId = `<post-${postId}.${recipient.userId}@${new URL(origin).hostname}>`;
  return { ...message, headers: { ...message.headers, "Message-ID": messageId } };
}

export type DeliveryReport = { sent: number; failed: number; skipped: number };

/**
 * The job: emails every current member of the post's creator once. Safe to run however many
 * times, concurrently too: each recipient is claimed before sending, and only failed deliveries
 * and those whose worker died (after its lease) are tried again. The post stays open while any
 * delivery is owed, so the sweep comes back for it. Throws when some failed, so the queue retries.
 */
export async function deliverPostNotifications(db: Db, postId: string, now: Date): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  const [target] = await db
    .select({ creatorId: posts.creatorId, status: posts.status, deletedAt: posts.deletedAt, notifyMembers: posts.notifyMembers })
    .from(posts)
    .innerJoin(postNotifications, eq(postNotifications.postId, posts.id))
    .where(eq(posts.id, postId));
  // CASE: no first publish recorded (an Update, a republish, notifications off), or the post was
  // unpublished, deleted or had notifications turned off before the job ran: nothing to send.
  if (!target || target.status !== "published" || target.deletedAt || !target.notifyMembers) {
    if (target) await db.update(postNotifications).set({ completedAt: now }).where(eq(postNotifications.postId, postId));
    return report;
  }
  const origin = siteOrigin();
  for (const recipient of await recipientsOf(db, target.creatorId, now)) {
    const token = await claimDelivery(db, postId, recipient.userId, now);
    if (!token) continue;
    const claim = { postId, userId: recipient.userId, token };
    try {
      const message = await messageFor(db, postId, recipient, now, origin);
      if (!message) {
        await settleDelivery(db, claim, "skipped", now);
        report.skipped++;
        continue;
      }
      await sendMail(db, message);
      await settleDelivery(db, claim, "sent", now);
      report.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await settleDelivery(db, claim, "failed", now, reason.slice(0, 500));
      report.failed++;
    }
  }
  // Counted once this run's sends are settled: a count that fails must not send an email again.
  if (report.sent > 0) {
    const sent = Array.from({ length: report.sent }, () => ({ creatorId: target.creatorId, postId, kind: "email_sent" as const, source: "email", occurredAt: now }));
    await recordEvents(db, sent).catch((error: unknown) => log.warn({ err: error, postId, sent: report.sent }, "could not count the emails sent in analytics"));
  }
  const done = (await owedDeliveries(db, postId, now)) === 0;
  await db
    .update(postNotifications)
    .set({ completedAt: done ? now : null })
    .where(eq(postNotifications.postId, postId));
  if (report.failed > 0) throw new Error(`${report.failed} notification email(s) of post ${postId} failed; they will be retried`);
  return report;
}

/** The periodic catch-up: notifications whose job was lost, or whose failed emails have tries left. */
export async function retryOpenNotifications(db: Db, now: Date): Promise<void> {
  const open = await db
    .select({ postId: postNotifications.postId })
    .from(postNotifications)
    .where(
      and(
        isNull(postNotifications.completedAt),
        gt(postNotifications.createdAt, new Date(now.getTime() - RETRY_WINDOW_MS)),
        lt(postNotifications.createdAt, new Date(now.getTime() - SWEEP_GRACE_MS)),
      ),
    )
    .limit(100);
  for (const { postId } of open) {
    // One post's failure does not stop the others; the next sweep tries it again.
    await deliverPostNotifications(db, postId, now).catch((error: unknown) =>
      log.error({ err: error, postId }, "could not notify the members of a post; the next sweep tries again"),
    );
  }
}
