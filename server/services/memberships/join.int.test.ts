// Joining free and paying on the real database, including the races: a double-submitted
// checkout and concurrent joins against a member cap.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payments } from "@/db/schema";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, card, creatorWithTiers, key, ledgerOf, membershipsOf } from "@/test/memberships";
import { createCreator, createPost, createTier, createUser } from "../../testing/factories";
import { checkout, joinFree } from "./join";
import { SANDBOX_CARDS } from "./payments/sandbox";
import { renewDueMemberships } from "./renewals";
import { listPublishedTiers } from "./tiers";

describe("joining free", () => {
  it("joins in one step and joining again is harmless", async () => {
    const { free, fan } = await creatorWithTiers();
    const first = await joinFree(at(fan), { tierId: free.id });
    const again = await joinFree(at(fan), { tierId: free.id });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: "active", price: 0, currentPeriodEnd: null });
  });

  it("credits the creator's own post that led to the join, and no other creator's", async () => {
    const { creator, free, fan } = await creatorWithTiers();
    const other = await createCreator(testDb());
    const own = await createPost(testDb(), { creator, title: "Why join" });
    const theirs = await createPost(testDb(), { creator: other, title: "Not theirs to credit" });
    expect(await joinFree(at(fan), { tierId: free.id, attributedPostId: own.id })).toMatchObject({ attributedPostId: own.id });
    const stranger = await createUser(testDb());
    expect(await joinFree(at(stranger), { tierId: free.id, attributedPostId: theirs.id })).toMatchObject({ attributedPostId: null });
  });

  it("asks anonymous visitors to sign in and refuses paid tiers without a card", async () => {
    const { free, supporter, fan } = await creatorWithTiers();
    expect(await caught(joinFree(at(null), { tierId: free.id }))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await caught(joinFree(at(fan), { tierId: supporter.id }))).toMatchObject({ code: "INVALID_INPUT", field: "tierId" });
  });

  it("does not let anyone join a tier that is not published", async () => {
    const { creator, fan } = await creatorWithTiers();
    const draft = await createTier(testDb(), { creator, name: "Soon", monthlyPrice: 0, status: "draft" });
    expect(await caught(joinFree(at(fan), { tierId: draft.id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("paying with the sandbox", () => {
  it("charges once, records the ledger row and starts a month", async () => {
    const { supporter, fan } = await creatorWithTiers();
    const { membership, paymentId } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    expect(membership).toMatchObject({ status: "active", price: 500, tierId: supporter.id, currentPeriodEnd: new Date("2026-04-10T10:00:00Z") });
    const ledger = await ledgerOf(fan.id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ id: paymentId, status: "succeeded", amount: 500, membershipId: membership.id });
  });

  it("bills the annual price for a year when asked", async () => {
    const { supporter, fan } = await creatorWithTiers();
    const { membership } = await checkout(at(fan), { tierId: supporter.id, interval: "year", idempotencyKey: key(), card: card() });
    expect(membership).toMatchObject({ price: 5000, interval: "year", currentPeriodEnd: new Date("2027-03-10T10:00:00Z") });
  });

  it.each([
    [SANDBOX_CARDS.declined, "declined"],
    [SANDBOX_CARDS.insufficientFunds, "insufficient funds"],
  ])("leaves no membership when card %s fails, says why, and keeps the failed attempt in the ledger", async (number, words) => {
    const { supporter, fan } = await creatorWithTiers();
    const error = await caught(checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card(number) }));
    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "card", message: expect.stringContaining(words) });
    expect(await membershipsOf(fan.id)).toHaveLength(0);
    expect(await ledgerOf(fan.id)).toMatchObject([{ status: "failed", amount: 500 }]);
  });

  it("makes one membership and one charge from a double-submitted checkout", async () => {
    const { supporter, fan } = await creatorWithTiers();
    const input = { tierId: supporter.id, idempotencyKey: key(), card: card() };
    const results = await Promise.all([checkout(at(fan), input), checkout(at(fan), input), checkout(at(fan), input)]);
    expect(new Set(results.map((r) => r.membership.id)).size).toBe(1);
    expect(await membershipsOf(fan.id)).toHaveLength(1);
    expect(await ledgerOf(fan.id)).toHaveLength(1);
  });

  it("refuses a second paid membership with the same creator under a new key", async () => {
    const { supporter, patron, fan } = await creatorWithTiers();
    await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    const error = await caught(checkout(at(fan), { tierId: patron.id, idempotencyKey: key(), card: card() }));
    expect(error).toMatchObject({ code: "ALREADY_EXISTS" });
    expect(await ledgerOf(fan.id)).toHaveLength(1);
  });

  it("moves a free member up to a paid tier through checkout", async () => {
    const { free, supporter, fan } = await creatorWithTiers();
    await joinFree(at(fan), { tierId: free.id });
    await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    const live = (await membershipsOf(fan.id)).filter((m) => m.status !== "expired");
    expect(live).toMatchObject([{ tierId: supporter.id }]);
  });
});

describe("member caps", () => {
  it("never lets concurrent joins exceed the cap", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const tier = await createTier(db, { creator, monthlyPrice: 0, memberCap: 2 });
    const fans = await Promise.all(Array.from({ length: 6 }, () => createUser(db)));
    const results = await Promise.allSettled(fans.map((fan) => joinFree(at(fan), { tierId: tier.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", message: "This tier is full. Choose another tier." });
    }
  });

  it("never lets concurrent paid joins exceed the cap, and charges only those who got in", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const tier = await createTier(db, { creator, monthlyPrice: 900, memberCap: 1 });
    const fans = await Promise.all(Array.from({ length: 4 }, () => createUser(db)));
    const results = await Promise.allSettled(fans.map((fan) => checkout(at(fan), { tierId: tier.id, idempotencyKey: key(), card: card() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const charged = await db.select().from(payments).where(and(eq(payments.tierId, tier.id), eq(payments.status, "succeeded")));
    expect(charged).toHaveLength(1);
  });

  it("keeps the place of a member whose period ran out until the renewal job renews or ends it", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const tier = await createTier(db, { creator, monthlyPrice: 900, memberCap: 1 });
    const [first, second] = await Promise.all([createUser(db), createUser(db)]);
    const { membership } = await checkout(at(first), { tierId: tier.id, idempotencyKey: key(), card: card() });
    // The period has ended and no job has run yet: the place is still taken, as the join page says.
    const afterEnd = new Date(membership.currentPeriodEnd!.getTime() + 60 * 60 * 1000);
    expect(await listPublishedTiers(at(second, afterEnd), creator.id)).toMatchObject([{ id: tier.id, remaining: 0 }]);
    expect(await caught(checkout(at(second, afterEnd), { tierId: tier.id, idempotencyKey: key(), card: card() }))).toMatchObject({
      code: "CONFLICT",
      message: "This tier is full. Choose another tier.",
    });
    // The renewal keeps the first member in, and the tier stays within its cap.
    await renewDueMemberships(db, afterEnd);
    expect(await membershipsOf(first.id)).toMatchObject([{ status: "active", currentPeriodEnd: new Date("2026-05-10T10:00:00Z") }]);
    expect(await listPublishedTiers(at(second, afterEnd), creator.id)).toMatchObject([{ id: tier.id, memberCount: 1, remaining: 0 }]);
  });
});
