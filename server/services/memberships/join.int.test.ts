// Joining, paying, changing and ending memberships on the real database, including the races:
// a double-submitted checkout, concurrent joins against a member cap, a replayed renewal.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, payments, postTiers } from "@/db/schema";
import { serviceContext, testDb, type ViewerLike } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, createPost, createUser, docWithText, type TestCreator } from "../../testing/factories";
import { readablePostIds } from "../access/policy";
import { cancelMembership, changeTier, checkout, joinFree, listMyMemberships, resumeMembership } from "./join";
import { SANDBOX_CARDS } from "./payments/sandbox";
import { renewDueMemberships } from "./renewals";
import { createTier, publishTier, updateTier } from "./tiers";

const T0 = new Date("2026-03-10T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

function at(viewer: ViewerLike, now = T0) {
  return serviceContext({ viewer, now });
}

async function tierOf(creator: TestCreator, options: { name?: string; monthlyPrice: number; memberCap?: number | null; annualPrice?: number | null }) {
  const ctx = { ...at(creator.user), creator };
  const tier = await createTier(ctx, { name: options.name ?? `Tier ${options.monthlyPrice}`, monthlyPrice: options.monthlyPrice, memberCap: options.memberCap ?? null, annualPrice: options.annualPrice ?? null });
  return publishTier(ctx, tier.id);
}

function card(number: string = SANDBOX_CARDS.success) {
  return { number, expiry: "12/34", cvc: "123" };
}

function key() {
  return `test-${randomUUID()}`;
}

async function setup() {
  const db = testDb();
  const creator = await createCreator(db);
  const free = await tierOf(creator, { name: "Friends", monthlyPrice: 0 });
  const supporter = await tierOf(creator, { name: "Supporter", monthlyPrice: 500, annualPrice: 5000 });
  const patron = await tierOf(creator, { name: "Patron", monthlyPrice: 1500 });
  const fan = await createUser(db);
  return { db, creator, free, supporter, patron, fan };
}

async function ledgerOf(userId: string) {
  return testDb().select().from(payments).where(eq(payments.userId, userId));
}

async function membershipsOf(userId: string) {
  return testDb().select().from(memberships).where(eq(memberships.userId, userId));
}

describe("joining free", () => {
  it("joins in one step and joining again is harmless", async () => {
    const { free, fan } = await setup();
    const first = await joinFree(at(fan), { tierId: free.id });
    const again = await joinFree(at(fan), { tierId: free.id });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: "active", price: 0, currentPeriodEnd: null });
  });

  it("asks anonymous visitors to sign in and refuses paid tiers without a card", async () => {
    const { free, supporter, fan } = await setup();
    expect(await caught(joinFree(at(null), { tierId: free.id }))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await caught(joinFree(at(fan), { tierId: supporter.id }))).toMatchObject({ code: "INVALID_INPUT", field: "tierId" });
  });

  it("does not let anyone join a tier that is not published", async () => {
    const { creator, fan } = await setup();
    const draft = await createTier({ ...at(creator.user), creator }, { name: "Soon", monthlyPrice: 0 });
    expect(await caught(joinFree(at(fan), { tierId: draft.id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("paying with the sandbox", () => {
  it("charges once, records the ledger row and starts a month", async () => {
    const { supporter, fan } = await setup();
    const { membership, paymentId } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    expect(membership).toMatchObject({ status: "active", price: 500, tierId: supporter.id, currentPeriodEnd: new Date("2026-04-10T10:00:00Z") });
    const ledger = await ledgerOf(fan.id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ id: paymentId, status: "succeeded", amount: 500, membershipId: membership.id });
  });

  it("bills the annual price for a year when asked", async () => {
    const { supporter, fan } = await setup();
    const { membership } = await checkout(at(fan), { tierId: supporter.id, interval: "year", idempotencyKey: key(), card: card() });
    expect(membership).toMatchObject({ price: 5000, interval: "year", currentPeriodEnd: new Date("2027-03-10T10:00:00Z") });
  });

  it.each([
    [SANDBOX_CARDS.declined, "declined"],
    [SANDBOX_CARDS.insufficientFunds, "insufficient funds"],
  ])("leaves no membership when card %s fails, says why, and keeps the failed attempt in the ledger", async (number, words) => {
    const { supporter, fan } = await setup();
    const error = await caught(checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card(number) }));
    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "card", message: expect.stringContaining(words) });
    expect(await membershipsOf(fan.id)).toHaveLength(0);
    expect(await ledgerOf(fan.id)).toMatchObject([{ status: "failed", amount: 500 }]);
  });

  it("makes one membership and one charge from a double-submitted checkout", async () => {
    const { supporter, fan } = await setup();
    const input = { tierId: supporter.id, idempotencyKey: key(), card: card() };
    const results = await Promise.all([checkout(at(fan), input), checkout(at(fan), input), checkout(at(fan), input)]);
    expect(new Set(results.map((r) => r.membership.id)).size).toBe(1);
    expect(await membershipsOf(fan.id)).toHaveLength(1);
    expect(await ledgerOf(fan.id)).toHaveLength(1);
  });

  it("refuses a second paid membership with the same creator under a new key", async () => {
    const { supporter, patron, fan } = await setup();
    await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    const error = await caught(checkout(at(fan), { tierId: patron.id, idempotencyKey: key(), card: card() }));
    expect(error).toMatchObject({ code: "ALREADY_EXISTS" });
    expect(await ledgerOf(fan.id)).toHaveLength(1);
  });

  it("moves a free member up to a paid tier through checkout", async () => {
    const { free, supporter, fan } = await setup();
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
    const tier = await tierOf(creator, { monthlyPrice: 0, memberCap: 2 });
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
    const tier = await tierOf(creator, { monthlyPrice: 900, memberCap: 1 });
    const fans = await Promise.all(Array.from({ length: 4 }, () => createUser(db)));
    const results = await Promise.allSettled(fans.map((fan) => checkout(at(fan), { tierId: tier.id, idempotencyKey: key(), card: card() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const charged = await db.select().from(payments).where(and(eq(payments.tierId, tier.id), eq(payments.status, "succeeded")));
    expect(charged).toHaveLength(1);
  });
});

describe("changing and ending a membership", () => {
  async function paidPost(creator: TestCreator) {
    return createPost(testDb(), { creator, document: docWithText("paid words"), access: "paid", publish: true });
  }

  it("keeps access after cancelling until the period end, and loses it on the next request after", async () => {
    const { creator, supporter, fan } = await setup();
    const post = await paidPost(creator);
    const { membership } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    const cancelled = await cancelMembership(at(fan), { membershipId: membership.id });
    expect(cancelled.status).toBe("cancelling");
    const end = cancelled.currentPeriodEnd!;
    expect(await readablePostIds(at(fan, new Date(end.getTime() - 1000)), [post.id])).toEqual(new Set([post.id]));
    // No job has run yet: the period end alone ends access.
    expect(await readablePostIds(at(fan, end), [post.id])).toEqual(new Set());
    expect(await renewDueMemberships(testDb(), end)).toMatchObject({ expired: 1 });
    expect((await membershipsOf(fan.id))[0]).toMatchObject({ status: "expired", endedAt: end });
  });

  it("resumes a cancelled membership before its end", async () => {
    const { supporter, fan } = await setup();
    const { membership } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    await cancelMembership(at(fan), { membershipId: membership.id });
    expect(await resumeMembership(at(fan), { membershipId: membership.id })).toMatchObject({ status: "active" });
  });

  it("ends a free membership at once when cancelled", async () => {
    const { creator, free, fan } = await setup();
    const post = await createPost(testDb(), { creator, access: "members", publish: true });
    const membership = await joinFree(at(fan), { tierId: free.id });
    expect(await readablePostIds(at(fan), [post.id])).toEqual(new Set([post.id]));
    await cancelMembership(at(fan), { membershipId: membership.id });
    expect(await readablePostIds(at(fan), [post.id])).toEqual(new Set());
  });

  it("upgrades at once with a charge, and downgrades at the period end", async () => {
    const { creator, supporter, patron, fan } = await setup();
    const tiersPost = await createPost(testDb(), { creator, access: "tiers", publish: true });
    await testDb().insert(postTiers).values({ postId: tiersPost.id, tierId: patron.id });
    const { membership } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    expect(await readablePostIds(at(fan), [tiersPost.id])).toEqual(new Set());

    const upgraded = await changeTier(at(fan), { membershipId: membership.id, tierId: patron.id, idempotencyKey: key() });
    expect(upgraded).toMatchObject({ tierId: patron.id, price: 1500 });
    expect(await readablePostIds(at(fan), [tiersPost.id])).toEqual(new Set([tiersPost.id]));
    expect((await ledgerOf(fan.id)).filter((p) => p.status === "succeeded")).toHaveLength(2);

    const later = new Date(T0.getTime() + 5 * DAY);
    const downgraded = await changeTier(at(fan, later), { membershipId: membership.id, tierId: supporter.id, idempotencyKey: key() });
    expect(downgraded).toMatchObject({ tierId: patron.id, pendingTierId: supporter.id });
    // Still a patron until the period ends.
    expect(await readablePostIds(at(fan, later), [tiersPost.id])).toEqual(new Set([tiersPost.id]));

    const end = upgraded.currentPeriodEnd!;
    expect(await renewDueMemberships(testDb(), end)).toMatchObject({ downgraded: 1 });
    const [after] = await membershipsOf(fan.id);
    expect(after).toMatchObject({ tierId: supporter.id, price: 500, pendingTierId: null, status: "active" });
    expect(await readablePostIds(at(fan, end), [tiersPost.id])).toEqual(new Set());
  });

  it("lists the fan's memberships with their tier and creator", async () => {
    const { creator, supporter, fan } = await setup();
    await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    expect(await listMyMemberships(at(fan))).toMatchObject([
      { tier: { name: "Supporter" }, creator: { handle: creator.handle }, priceLabel: "$5 / month", status: "active" },
    ]);
  });

  it("refuses to touch someone else's membership", async () => {
    const { supporter, fan } = await setup();
    const intruder = await createUser(testDb());
    const { membership } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    expect(await caught(cancelMembership(at(intruder), { membershipId: membership.id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("renewals", () => {
  it("renews a due membership once, even when the job runs twice at the same time", async () => {
    const { supporter, fan } = await setup();
    const { membership } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    const end = membership.currentPeriodEnd!;
    await Promise.all([renewDueMemberships(testDb(), end), renewDueMemberships(testDb(), end)]);
    const [after] = await membershipsOf(fan.id);
    expect(after).toMatchObject({ status: "active", currentPeriodEnd: new Date("2026-05-10T10:00:00Z") });
    expect((await ledgerOf(fan.id)).filter((p) => p.status === "succeeded")).toHaveLength(2);
  });

  it("marks a failed renewal past due, then expires it after the grace", async () => {
    const { supporter, fan } = await setup();
    const { membership } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    await testDb().update(memberships).set({ providerSubscriptionId: "sbx_pm_insufficient_funds" }).where(eq(memberships.id, membership.id));
    const end = membership.currentPeriodEnd!;
    expect(await renewDueMemberships(testDb(), end)).toMatchObject({ pastDue: 1 });
    expect(await renewDueMemberships(testDb(), new Date(end.getTime() + 4 * DAY))).toMatchObject({ expired: 1 });
  });

  it("keeps the price a member joined at when the tier's price changes", async () => {
    const { creator, supporter, fan } = await setup();
    const { membership } = await checkout(at(fan), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    await updateTier({ ...at(creator.user), creator }, { id: supporter.id, name: "Supporter", monthlyPrice: 800 });
    await renewDueMemberships(testDb(), membership.currentPeriodEnd!);
    const renewals = (await ledgerOf(fan.id)).filter((p) => p.idempotencyKey.startsWith("renewal:"));
    expect(renewals).toMatchObject([{ amount: 500 }]);
    const newcomer = await createUser(testDb());
    const joined = await checkout(at(newcomer), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    expect(joined.membership.price).toBe(800);
  });
});
