// Period ends on the real database: renewals that run twice at once, failed charges, kept prices.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { testDb } from "@/test/db";
import { at, card, creatorWithTiers, DAY, key, ledgerOf, membershipsOf, T0 } from "@/test/memberships";
import { createMembership, createUser } from "../../testing/factories";
import { checkout } from "./join";
import { renewDueMemberships } from "./renewals";
import { updateTier } from "./tiers";

describe("renewals", () => {
  it("renews a due membership once, even when the job runs twice at the same time", async () => {
    const { supporter, fan } = await creatorWithTiers();
    const membership = await createMembership(testDb(), { tier: supporter, user: fan, now: T0 });
    const end = membership.currentPeriodEnd!;
    await Promise.all([renewDueMemberships(testDb(), end), renewDueMemberships(testDb(), end)]);
    const [after] = await membershipsOf(fan.id);
    expect(after).toMatchObject({ status: "active", currentPeriodEnd: new Date("2026-05-10T10:00:00Z") });
    expect((await ledgerOf(fan.id)).filter((p) => p.status === "succeeded")).toHaveLength(2);
  });

  it("marks a failed renewal past due, then expires it after the grace", async () => {
    const { supporter, fan } = await creatorWithTiers();
    const membership = await createMembership(testDb(), { tier: supporter, user: fan, now: T0 });
    await testDb().update(memberships).set({ providerSubscriptionId: "sbx_pm_insufficient_funds" }).where(eq(memberships.id, membership.id));
    const end = membership.currentPeriodEnd!;
    expect(await renewDueMemberships(testDb(), end)).toMatchObject({ pastDue: 1 });
    expect(await renewDueMemberships(testDb(), new Date(end.getTime() + 4 * DAY))).toMatchObject({ expired: 1 });
  });

  it("keeps the price a member joined at when the tier's price changes", async () => {
    const { creator, supporter, fan } = await creatorWithTiers();
    const membership = await createMembership(testDb(), { tier: supporter, user: fan, now: T0 });
    await updateTier({ ...at(creator.user), creator }, { id: supporter.id, name: "Supporter", monthlyPrice: 800 });
    await renewDueMemberships(testDb(), membership.currentPeriodEnd!);
    const renewals = (await ledgerOf(fan.id)).filter((p) => p.idempotencyKey.startsWith("renewal:"));
    expect(renewals).toMatchObject([{ amount: 500 }]);
    const newcomer = await createUser(testDb());
    const joined = await checkout(at(newcomer), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    expect(joined.membership.price).toBe(800);
  });
});
