// Changing and ending memberships on the real database: cancelling, resuming, moving between
// tiers, and the fan's own list.
import { describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, creatorWithTiers, DAY, key, ledgerOf, membershipsOf, T0 } from "@/test/memberships";
import { createMembership, createPost, createUser, docWithText, type TestCreator } from "../../testing/factories";
import { readablePostIds } from "../access/policy";
import { cancelMembership, changeTier, listMyMemberships, resumeMembership } from "./change";
import { renewDueMemberships } from "./renewals";

describe("changing and ending a membership", () => {
  async function paidPost(creator: TestCreator) {
    return createPost(testDb(), { creator, document: docWithText("paid words"), access: "paid", publish: true });
  }

  it("keeps access after cancelling until the period end, and loses it on the next request after", async () => {
    const { creator, supporter, fan } = await creatorWithTiers();
    const post = await paidPost(creator);
    const membership = await createMembership(testDb(), { tier: supporter, user: fan, now: T0 });
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
    const { supporter, fan } = await creatorWithTiers();
    const membership = await createMembership(testDb(), { tier: supporter, user: fan, state: "cancelling", now: T0 });
    expect(await resumeMembership(at(fan), { membershipId: membership.id })).toMatchObject({ status: "active" });
  });

  it("ends a free membership at once when cancelled", async () => {
    const { creator, free, fan } = await creatorWithTiers();
    const post = await createPost(testDb(), { creator, access: "members", publish: true });
    const membership = await createMembership(testDb(), { tier: free, user: fan, now: T0 });
    expect(await readablePostIds(at(fan), [post.id])).toEqual(new Set([post.id]));
    await cancelMembership(at(fan), { membershipId: membership.id });
    expect(await readablePostIds(at(fan), [post.id])).toEqual(new Set());
  });

  it("upgrades at once with a charge, and downgrades at the period end", async () => {
    const { creator, supporter, patron, fan } = await creatorWithTiers();
    const tiersPost = await createPost(testDb(), { creator, access: "tiers", tierIds: [patron.id], publish: true });
    const membership = await createMembership(testDb(), { tier: supporter, user: fan, now: T0 });
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
    const { creator, supporter, fan } = await creatorWithTiers();
    await createMembership(testDb(), { tier: supporter, user: fan, now: T0 });
    expect(await listMyMemberships(at(fan))).toMatchObject([
      { tier: { name: "Supporter" }, creator: { handle: creator.handle }, priceLabel: "$5 / month", status: "active" },
    ]);
  });

  it("refuses to touch someone else's membership", async () => {
    const { supporter, fan } = await creatorWithTiers();
    const intruder = await createUser(testDb());
    const membership = await createMembership(testDb(), { tier: supporter, user: fan, now: T0 });
    expect(await caught(cancelMembership(at(intruder), { membershipId: membership.id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
