// New-post emails as an operator sees them: how many went out, failed or wait, and the latest
// failures with the reason the mail server gave. Recipients are not shown: which post failed and
// why is what an operator acts on.
import "server-only";
import { and, count, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, deliveryState, notificationDeliveries, postNotifications, posts } from "@/db/schema";
import { MAX_DELIVERY_ATTEMPTS } from "../posts/notifications";

export type DeliveryState = (typeof deliveryState.enumValues)[number];

export type EmailBacklog = {
  /** Deliveries by state, all time. */
  deliveries: Record<DeliveryState, number>;
  /** Not out yet: being sent, or failed with attempts left. */
  pending: number;
  /** Published posts whose member emails have not all gone out. */
  openNotifications: number;
};

export type EmailFailure = {
  postId: string;
  postTitle: string;
  creatorHandle: string;
  attempts: number;
  error: string | null;
  at: Date;
  /** 0 once they are used up: that member will not get this post by email. */
  attemptsLeft: number;
};

export async function emailBacklog(db: Db): Promise<EmailBacklog> {
  const [byState, [pending], [open]] = await Promise.all([
    db.select({ state: notificationDeliveries.state, count: count() }).from(notificationDeliveries).groupBy(notificationDeliveries.state),
    db
      .select({ count: count() })
      .from(notificationDeliveries)
      .where(
        or(
          eq(notificationDeliveries.state, "sending"),
          and(eq(notificationDeliveries.state, "failed"), lt(notificationDeliveries.attempts, MAX_DELIVERY_ATTEMPTS)),
        ),
      ),
    db.select({ count: count() }).from(postNotifications).where(isNull(postNotifications.completedAt)),
  ]);
  const deliveries = Object.fromEntries(deliveryState.enumValues.map((state) => [state, 0])) as Record<DeliveryState, number>;
  for (const row of byState) deliveries[row.state] = row.count;
  return { deliveries, pending: pending?.count ?? 0, openNotifications: open?.count ?? 0 };
}

export async function recentEmailFailures(db: Db, limit = 20): Promise<EmailFailure[]> {
  const rows = await db
    .select({
      postId: notificationDeliveries.postId,
      postTitle: posts.title,
      creatorHandle: creators.handle,
      attempts: notificationDeliveries.attempts,
      error: notificationDeliveries.lastError,
      at: notificationDeliveries.updatedAt,
    })
    .from(notificationDeliveries)
    .innerJoin(posts, eq(posts.id, notificationDeliveries.postId))
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(eq(notificationDeliveries.state, "failed"))
    .orderBy(desc(notificationDeliveries.updatedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, attemptsLeft: Math.max(0, MAX_DELIVERY_ATTEMPTS - row.attempts) }));
}
