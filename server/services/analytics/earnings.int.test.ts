// Members and money on the real database, with exact figures: recurring revenue now and what moved
// it (new, upgrade, ended), what the ledger took per tier, failed payments, joins and departures by
// tier, and members by the month they joined. Joins, the upgrade, the cancellation and the period's
// end go through the membership services and the renewal job's function, as in the app.
import { describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, card, creatorWithTiers, key } from "@/test/memberships";
import { SANDBOX_CARDS } from "../memberships/payments/sandbox";
import { cancelMembership, changeTier } from "../memberships/change";
import { checkout, joinFree } from "../memberships/join";
import { renewDueMemberships } from "../memberships/renewals";
import { createCreator, createUser } from "../../testing/factories";
import { analyticsEarnings } from "./earnings";
import { rollUpAnalytics } from "./rollup";

// Long before any other test's memberships fall due: the renewal run below touches only these.
const DAY = 86_400_000;
const JAN_1 = new Date("2024-01-01T12:00:00Z");
const JAN_20 = new Date("2024-01-20T12:00:00Z");
const FEB_3 = new Date("2024-02-03T12:00:00Z");
const FEB_5 = new Date("2024-02-05T12:00:00Z");

describe("members and earnings", () => {
  it("adds up recurring revenue, its movements, takings per tier, failures, joins and departures exactly", async () => {
    const { creator, free, supporter, patron } = await creatorWithTiers();
    const db = testDb();
    const freeFan = await createUser(db);
    const upgrader = await createUser(db);
    const patronFan = await createUser(db);
    const leaver = await createUser(db);
    const declined = await createUser(db);

    // 1 Jan: a supporter who will leave. 20 Jan: a free member, a supporter who moves up to Patron, a patron.
    const leaving = await checkout(at(leaver, JAN_1), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    await joinFree(at(freeFan, JAN_20), { tierId: free.id });
    const upgrading = await checkout(at(upgrader, JAN_20), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    await checkout(at(patronFan, JAN_20), { tierId: patron.id, idempotencyKey: key(), card: card() });
    await expect(checkout(at(declined, JAN_20), { tierId: patron.id, idempotencyKey: key(), card: card(SANDBOX_CARDS.declined) })).rejects.toThrow();
    await changeTier(at(upgrader, new Date(JAN_20.getTime() + DAY)), { membershipId: upgrading.membership.id, tierId: patron.id, idempotencyKey: key() });
    // The leaver cancels; their paid month runs out on 1 Feb, and the renewal job ends it.
    await cancelMembership(at(leaver, new Date(JAN_20.getTime() + 2 * DAY)), { membershipId: leaving.membership.id });
    await renewDueMemberships(db, FEB_3);
    await rollUpAnalytics(db);

    const earnings = await analyticsEarnings(at(creator.user, FEB_5), { range: "custom", from: "2024-01-01", to: "2024-02-05" });
    // Now: the upgrader and the patron pay 15.00 each; the leaver's membership is over.
    expect(earnings.mrr).toBe(3000);
    expect(earnings.mrrEnding).toBe(0);
    expect(earnings.paidMembers).toBe(2);
    // Two supporters and a patron joined (+5 +5 +15), one moved 5 → 15 (+10), one supporter ended (−5).
    expect(earnings.movements).toEqual({ new: 2500, upgrades: 1000, downgrades: 0, churn: -500 });
    expect(Object.values(earnings.movements).reduce((sum, value) => sum + value, 0)).toBe(earnings.mrr);
    // The ledger: 5 + 5 + 15 for the joins, 15 for the upgrade; the declined card took nothing.
    expect(earnings.revenue).toBe(4000);
    expect(earnings.paymentFailures).toBe(1);
    expect(earnings.funnel).toEqual({ visitors: 0, freeMembers: 1, paidMembers: 3 });
    expect(earnings.tiers.map(({ name, members, joined, left, revenue }) => ({ name, members, joined, left, revenue }))).toEqual([
      { name: "Friends", members: 1, joined: 1, left: 0, revenue: 0 },
      { name: "Supporter", members: 0, joined: 2, left: 1, revenue: 1000 },
      { name: "Patron", members: 2, joined: 1, left: 0, revenue: 3000 },
    ]);
    // Four people joined in January (the declined card made no member); by 5 Feb three remain.
    expect(earnings.retention).toEqual([{ cohort: "2024-01", joined: 4, retained: [1, 0.75, ...Array(10).fill(null)] }]);
  });

  it("is each creator's own, and only for creators", async () => {
    const { creator, supporter } = await creatorWithTiers();
    const fan = await createUser(testDb());
    await checkout(at(fan, JAN_20), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    await rollUpAnalytics(testDb());
    const other = await createCreator(testDb());
    const theirs = await analyticsEarnings(at(other.user, FEB_5), { range: "custom", from: "2024-01-01", to: "2024-02-05" });
    expect(theirs).toMatchObject({ mrr: 0, paidMembers: 0, revenue: 0, movements: { new: 0 }, tiers: [], retention: [] });
    const mine = await analyticsEarnings(at(creator.user, FEB_5), { range: "custom", from: "2024-01-01", to: "2024-02-05" });
    expect(mine).toMatchObject({ mrr: 500, paidMembers: 1, revenue: 500, movements: { new: 500 } });
    expect(await caught(analyticsEarnings(at(fan, FEB_5), { range: "30d" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await caught(analyticsEarnings(at(null, FEB_5), { range: "30d" }))).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
