// Tiers as the creator shapes them and as fans see them, on the real database.
import { describe, expect, it } from "vitest";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, createMembership, createTier as createTestTier, type TestCreator } from "../../testing/factories";
import { archiveTier, createTier, listOwnTiers, listPublishedTiers, publishTier, reorderTiers, updateTier } from "./tiers";

function own(creator: TestCreator) {
  return { ...serviceContext({ viewer: creator.user }), creator };
}

describe("tiers", () => {
  it("creates tiers in the creator's currency, in order, as drafts fans do not see", async () => {
    const creator = await createCreator(testDb());
    const a = await createTier(own(creator), { name: "Friends", monthlyPrice: 0 });
    const b = await createTier(own(creator), { name: "Supporter", monthlyPrice: 500, benefits: ["Early posts"] });
    expect(a).toMatchObject({ status: "draft", currency: "USD", position: 0 });
    expect(b.position).toBe(1);
    expect(await listPublishedTiers(serviceContext(), creator.id)).toEqual([]);
    await publishTier(own(creator), b.id);
    expect((await listPublishedTiers(serviceContext(), creator.id)).map((t) => t.name)).toEqual(["Supporter"]);
  });

  it("reorders, archives, and refuses another creator's tiers", async () => {
    const creator = await createCreator(testDb());
    const other = await createCreator(testDb());
    const a = await createTier(own(creator), { name: "A", monthlyPrice: 0 });
    const b = await createTier(own(creator), { name: "B", monthlyPrice: 300 });
    await reorderTiers(own(creator), { ids: [b.id, a.id] });
    expect((await listOwnTiers(own(creator))).map((t) => t.name)).toEqual(["B", "A"]);
    expect(await caught(reorderTiers(own(creator), { ids: [a.id] }))).toMatchObject({ code: "CONFLICT" });
    await publishTier(own(creator), a.id);
    await archiveTier(own(creator), a.id);
    expect(await listPublishedTiers(serviceContext(), creator.id)).toEqual([]);
    expect(await caught(updateTier(own(other), { id: a.id, name: "Mine now", monthlyPrice: 0 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await caught(archiveTier(own(other), b.id))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses prices that make no sense, with the field to fix", async () => {
    const creator = await createCreator(testDb());
    expect(await caught(createTier(own(creator), { name: "Bad", monthlyPrice: -1 }))).toBeTruthy();
    expect(await caught(createTier(own(creator), { name: "Free", monthlyPrice: 0, annualPrice: 1000 }))).toMatchObject({ field: "annualPrice" });
    const paid = await createTestTier(testDb(), { creator, name: "Paid", monthlyPrice: 500 });
    expect(await caught(updateTier(own(creator), { id: paid.id, name: "Paid", monthlyPrice: 0 }))).toMatchObject({ field: "monthlyPrice" });
  });

  it("shows the places left under a cap", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const tier = await createTestTier(db, { creator, name: "Circle", monthlyPrice: 0, memberCap: 3 });
    await createMembership(db, { tier });
    expect(await listPublishedTiers(serviceContext(), creator.id)).toMatchObject([{ memberCount: 1, remaining: 2 }]);
  });
});
