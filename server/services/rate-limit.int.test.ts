import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import { testDb } from "@/test/db";
import { clearRateLimit, consumeRateLimit, consumeRateLimits, purgeExpiredRateLimits, refundRateLimit } from "./rate-limit";

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

describe("refundRateLimit", () => {
  it("gives back one attempt of the live window, never below zero, and leaves an ended window alone", async () => {
    const db = testDb();
    const key = freshKey();
    for (let i = 0; i < rule.limit; i++) await consumeRateLimit(db, key, rule, start);

    await refundRateLimit(db, key, secondsLater(1));
    expect(await consumeRateLimit(db, key, rule, secondsLater(2))).toMatchObject({ allowed: true, remaining: 0 });

    const fresh = freshKey();
    await refundRateLimit(db, fresh, start);
    await consumeRateLimit(db, fresh, rule, start);
    for (let i = 0; i < 3; i++) await refundRateLimit(db, fresh, start);
    expect(await consumeRateLimit(db, fresh, rule, start)).toMatchObject({ remaining: 2 });

    await refundRateLimit(db, fresh, secondsLater(60));
    expect(await consumeRateLimit(db, fresh, rule, secondsLater(59))).toMatchObject({ remaining: 1 });
  });
});

describe("consumeRateLimits", () => {
  it("counts against every key, or, once any is full, against none", async () => {
    const db = testDb();
    const [narrow, wide] = [freshKey(), freshKey()];
    const checks = [
      { key: narrow, rule: { limit: 2, windowSeconds: 60 } },
      { key: wide, rule: { limit: 10, windowSeconds: 600 } },
    ];

    const results = [];
    for (let i = 0; i < 6; i++) results.push(await consumeRateLimits(db, checks, secondsLater(i)));

    expect(results.map((r) => r.allowed)).toEqual([true, true, false, false, false, false]);
    // The narrow window says when to retry; the refused four used up nothing of the wide one.
    expect(results[2]).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 58 });
    expect(await consumeRateLimit(db, wide, checks[1]!.rule, secondsLater(10))).toMatchObject({ remaining: 7 });
  });

  it("lets exactly the limit through a burst of simultaneous attempts, and the refused ones count nothing", async () => {
    const db = testDb();
    const [key, other] = [freshKey(), freshKey()];
    const checks = [
      { key, rule: { limit: 5, windowSeconds: 60 } },
      { key: other, rule: { limit: 100, windowSeconds: 60 } },
    ];

    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimits(db, checks, start)));

    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, other));
    expect(row?.count).toBe(5);
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
