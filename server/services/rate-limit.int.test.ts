import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import { testDb } from "@/test/db";
import { clearRateLimit, consumeRateLimit, purgeExpiredRateLimits } from "./rate-limit";

const rule = { limit: 3, windowSeconds: 60 };
const start = new Date("2030-01-01T12:00:00Z");

function freshKey(): string {
  return `test:${randomUUID()}`;
}

function secondsLater(seconds: number): Date {
  return new Date(start.getTime() + seconds * 1000);
}

describe("consumeRateLimit", () => {
  it("refuses the attempt after the limit within one window, and says when to retry", async () => {
    const db = testDb();
    const key = freshKey();

    const attempts = [];
    for (let i = 0; i < rule.limit; i++) attempts.push(await consumeRateLimit(db, key, rule, secondsLater(i)));
    const refused = await consumeRateLimit(db, key, rule, secondsLater(20));

    expect(attempts.map((a) => [a.allowed, a.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 40 });
  });

  it("allows attempts again once the window has passed", async () => {
    const db = testDb();
    const key = freshKey();
    for (let i = 0; i <= rule.limit; i++) await consumeRateLimit(db, key, rule, start);

    expect((await consumeRateLimit(db, key, rule, secondsLater(59))).allowed).toBe(false);
    expect(await consumeRateLimit(db, key, rule, secondsLater(60))).toEqual({
      allowed: true,
      remaining: 2,
      retryAfterSeconds: 60,
    });
  });

  it("keeps keys apart, and forgets a key that is cleared", async () => {
    const db = testDb();
    const [a, b] = [freshKey(), freshKey()];
    for (let i = 0; i <= rule.limit; i++) await consumeRateLimit(db, a, rule, start);

    expect((await consumeRateLimit(db, b, rule, start)).allowed).toBe(true);
    await clearRateLimit(db, a);
    expect(await consumeRateLimit(db, a, rule, start)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("counts every one of many simultaneous attempts exactly once", async () => {
    const db = testDb();
    const key = freshKey();
    const limit = { limit: 5, windowSeconds: 60 };

    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(db, key, limit, start)));

    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.filter((r) => !r.allowed)).toHaveLength(15);
    // Each attempt saw its own count: 1..20 leaves remaining 4,3,2,1,0 and then 0 fifteen times.
    expect(results.map((r) => r.remaining).sort()).toEqual([...Array(16).fill(0), 1, 2, 3, 4]);
    expect((await consumeRateLimit(db, key, limit, start)).allowed).toBe(false);
  });
});

describe("purgeExpiredRateLimits", () => {
  it("deletes the windows that have ended and keeps the live ones counting", async () => {
    const db = testDb();
    // Long ago, so the purge cannot touch the windows other test files are counting right now.
    const then = new Date("2001-01-01T12:00:00Z");
    const [ended, endsNow, live] = [freshKey(), freshKey(), freshKey()];
    await consumeRateLimit(db, ended, { limit: 3, windowSeconds: 60 }, then);
    await consumeRateLimit(db, endsNow, { limit: 3, windowSeconds: 120 }, then);
    await consumeRateLimit(db, live, { limit: 3, windowSeconds: 600 }, then);
    await consumeRateLimit(db, live, { limit: 3, windowSeconds: 600 }, then);

    const twoMinutesLater = new Date(then.getTime() + 120_000);
    expect(await purgeExpiredRateLimits(db, twoMinutesLater)).toBe(2);

    const left = async (key: string) => (await db.select().from(rateLimits).where(eq(rateLimits.key, key))).length;
    expect([await left(ended), await left(endsNow), await left(live)]).toEqual([0, 0, 1]);
    expect(await consumeRateLimit(db, live, { limit: 3, windowSeconds: 600 }, twoMinutesLater)).toMatchObject({ allowed: true, remaining: 0 });
  });
});
