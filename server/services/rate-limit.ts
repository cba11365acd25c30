// A fixed-window rate limiter kept in a table, so it holds across processes and on both databases.
import "server-only";
import { lte, sql } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import type { Db } from "@/db/client";

export type RateLimitRule = { limit: number; windowSeconds: number };

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export const RATE_LIMITS = {
  signInPerEmail: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAddress: { limit: 50, windowSeconds: 15 * 60 },
  signUpPerAddress: { limit: 20, windowSeconds: 60 * 60 },
  magicLinkPerEmail: { limit: 5, windowSeconds: 15 * 60 },
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
  return {
    allowed: count <= rule.limit,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000)),
  };
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

/**
 * Deletes the windows that have ended, so keys seen once (every address and email ever tried)
 * do not pile up. Run by a periodic job; an attempt racing the purge just starts a new window.
 */
export async function purgeExpiredRateLimits(db: Db, now: Date): Promise<number> {
  const purged = await db.delete(rateLimits).where(lte(rateLimits.resetAt, now)).returning({ key: rateLimits.key });
  return purged.length;
}
