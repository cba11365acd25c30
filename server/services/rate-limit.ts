// A fixed-window rate limiter kept in a table, so it holds across processes and on both databases.
import "server-only";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import type { Db } from "@/db/client";
import { recordRateLimited } from "../observability/metrics";

export type RateLimitRule = { limit: number; windowSeconds: number };

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export type RateLimitCheck = { key: string; rule: RateLimitRule };

const FIFTEEN_MINUTES = 15 * 60;

export const RATE_LIMITS = {
  /** Wrong passwords for one email from one client (a browser that signed in before, or an address). */
  signInFailuresPerClient: { limit: 10, windowSeconds: FIFTEEN_MINUTES },
  /** Wrong passwords from one address, whatever the email. */
  signInFailuresPerAddress: { limit: 50, windowSeconds: FIFTEEN_MINUTES },
  /** Sign-in and sign-up links mailed to one address. */
  signInMailPerEmail: { limit: 5, windowSeconds: FIFTEEN_MINUTES },
  /** Sign-in and sign-up links asked for from one client address, whoever they go to. */
  signInMailPerAddress: { limit: 20, windowSeconds: FIFTEEN_MINUTES },
} satisfies Record<string, RateLimitRule>;

/** Counts one attempt against `key` and says whether it is within the rule. */
export async function consumeRateLimit(
  db: Db,
  key: string,
  rule: RateLimitRule,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const resetAt = new Date(now.getTime() + rule.windowSeconds * 1000);
  // One statement: a new or expired window starts at 1, a live one counts up. No read-then-write race.
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz then ${resetAt.toISOString()}::timestamptz else ${rateLimits.resetAt} end`,
      },
    })
    .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
  const count = row?.count ?? 1;
  const windowEnd = row?.resetAt ?? resetAt;
  if (count > rule.limit) recordRateLimited(key);
  return {
    allowed: count <= rule.limit,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000)),
  };
}

/**
 * Gives back one attempt counted in the live window of `key`: an attempt that turned out not to
 * count (a sign-in that succeeded, a request another limit refused) no longer uses up the limit.
 */
export async function refundRateLimit(db: Db, key: string, now: Date = new Date()): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, key), gt(rateLimits.resetAt, now), gt(rateLimits.count, 0)));
}

/**
 * Counts one attempt against every key, or against none: when any limit is reached, every count is
 * given back, so a refused attempt uses up nothing and hammering a closed door changes no window.
 * Counting first and giving back after (rather than reading first) keeps simultaneous attempts
 * from all slipping through on the same stale count.
 */
export async function consumeRateLimits(db: Db, checks: RateLimitCheck[], now: Date = new Date()): Promise<RateLimitResult> {
  const results = await Promise.all(checks.map(({ key, rule }) => consumeRateLimit(db, key, rule, now)));
  const refused = results.filter((result) => !result.allowed);
  if (refused.length > 0) {
    await Promise.all(checks.map(({ key }) => refundRateLimit(db, key, now)));
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)) };
  }
  return {
    allowed: true,
    remaining: Math.min(...results.map((r) => r.remaining)),
    retryAfterSeconds: Math.max(1, ...results.map((r) => r.retryAfterSeconds)),
  };
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/**
 * Deletes the windows that have ended, so keys seen once (every address and email ever tried)
 * do not pile up. Run by a periodic job; an attempt racing the purge just starts a new window.
 */
export async function purgeExpiredRateLimits(db: Db, now: Date): Promise<number> {
  const purged = await db.delete(rateLimits).where(lte(rateLimits.resetAt, now)).returning({ key: rateLimits.key });
  return purged.length;
}
