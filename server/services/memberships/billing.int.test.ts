// A member's money on the real database: the billing history lists each charge of their own
// memberships (failed ones with the reason), and the card renewals are charged to can be replaced:
// a card the sandbox refuses is said so and changes nothing, a new one is what the next renewal
// is charged to; nobody can touch another member's card, and a Stripe membership is sent to Stripe.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, card, creatorWithTiers, DAY, T0 } from "@/test/memberships";
import { createMembership, createStripeMembership, createUser } from "../../testing/factories";
import { myBillingHistory, updateCard } from "./billing";
import { renewDueMemberships } from "./renewals";

describe("billing", () => {
  it("lists each charge and takes a new card that the next renewal is charged to", async () => {
    const { supporter } = await creatorWithTiers();
    const member = await createMembership(testDb(), { tier: supporter, now: T0 });
    expect((await myBillingHistory(at(member.user)))[member.id]).toEqual([expect.objectContaining({ amountLabel: "$5", status: "succeeded" })]);

    // A card the sandbox does not take (an unknown number, as a real provider refuses one it cannot verify).
    const refused = await caught(updateCard(at(member.user), { membershipId: member.id, card: card("4111 1111 1111 1112") }));
    expect(refused).toMatchObject({ code: "INVALID_INPUT", field: "card" });
    const before = (await testDb().query.memberships.findFirst({ where: eq(memberships.id, member.id) }))!.providerSubscriptionId;

    // A card that charges fine but is declined at renewal (insufficient funds): the renewal fails.
    await updateCard(at(member.user), { membershipId: member.id, card: card("4000 0000 0000 9995") });
    const after = (await testDb().query.memberships.findFirst({ where: eq(memberships.id, member.id) }))!;
    expect(after.providerSubscriptionId).not.toBe(before);
    await renewDueMemberships(testDb(), new Date(after.currentPeriodEnd!.getTime() + DAY));
    const history = (await myBillingHistory(at(member.user, new Date(T0.getTime() + 40 * DAY))))[member.id]!;
    expect(history.map((entry) => entry.status)).toEqual(["failed", "succeeded"]);
    expect(history[0]!.reason).toMatch(/funds/i);
    // Ended here: renewals run over every membership due, and other tests count what they find.
    await testDb().update(memberships).set({ status: "expired", endedAt: after.currentPeriodEnd }).where(eq(memberships.id, member.id));
  });

  it("keeps each member to their own memberships, and sends a Stripe membership to Stripe", async () => {
    const { supporter } = await creatorWithTiers();
    const member = await createMembership(testDb(), { tier: supporter });
    const stranger = await createUser(testDb());
    expect(await caught(updateCard(at(stranger, new Date()), { membershipId: member.id, card: card() }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await myBillingHistory(at(stranger)))[member.id]).toBeUndefined();
    const viaStripe = await createStripeMembership(testDb(), { tier: supporter });
    expect(await caught(updateCard(at(viaStripe.user, new Date()), { membershipId: viaStripe.id, card: card() }))).toMatchObject({ code: "INVALID_INPUT", field: "card" });
  });
});
