// Past memberships on the real database: who a fan used to belong to, with the tier they held,
// so the memberships page and the creator's page can offer it back; present ones are not past.
import { describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, creatorWithTiers, DAY, T0 } from "@/test/memberships";
import { createMembership, createTier } from "../../testing/factories";
import { archiveTier } from "./tiers";
import { listPastMemberships } from "./change";

describe("past memberships", () => {
  it("list a lapsed membership with its tier, and not a live one", async () => {
    const { creator, supporter, fan } = await creatorWithTiers();
    await createMembership(testDb(), { tier: supporter, user: fan, state: "lapsed", now: T0 });
    const past = await listPastMemberships(at(fan, new Date(T0.getTime() + DAY)));
    expect(past).toEqual([
      expect.objectContaining({ creator: expect.objectContaining({ id: creator.id }), tier: { id: supporter.id, name: "Supporter", rejoinable: true } }),
    ]);

    const { free, fan: current } = await creatorWithTiers();
    await createMembership(testDb(), { tier: free, user: current });
    expect(await listPastMemberships(at(current))).toEqual([]);
  });

  it("forget a creator the fan has joined again", async () => {
    const { supporter, free, fan } = await creatorWithTiers();
    await createMembership(testDb(), { tier: supporter, user: fan, state: "lapsed", now: T0 });
    const later = new Date(T0.getTime() + 40 * DAY);
    await createMembership(testDb(), { tier: free, user: fan, now: later });
    expect(await listPastMemberships(at(fan, later))).toEqual([]);
  });

  it("say when the old tier takes no new members, and are only for someone signed in", async () => {
    const { creator, fan } = await creatorWithTiers();
    const retired = await createTier(testDb(), { creator, name: "Founders", monthlyPrice: 900, now: T0 });
    await createMembership(testDb(), { tier: retired, user: fan, state: "lapsed", now: T0 });
    await archiveTier(at(creator.user), retired.id);
    const [past] = await listPastMemberships(at(fan, new Date(T0.getTime() + DAY)));
    expect(past?.tier).toEqual({ id: retired.id, name: "Founders", rejoinable: false });
    expect(await caught(listPastMemberships(at(null)))).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
