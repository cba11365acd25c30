// Period ends, run by a job: renew paid memberships, apply pending downgrades, end cancelled ones
// and give up on past-due ones after their grace. Safe to run twice or concurrently: each
// membership is claimed with SKIP LOCKED and every charge carries a key derived from its period.
import "server-only";
import { and, eq, inArray, lte, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, tiers } from "@/db/schema";
import { PAST_DUE_GRACE_MS } from "../access/policy";
import { monthlyValue, recordEvents } from "../analytics/ingest";
import { addInterval, chargeAttempt, recordPayment } from "./payments/ledger";
import type { PaymentProvider } from "./payments/provider";
import { sandboxProvider } from "./payments/sandbox";
import { priceForInterval } from "./tiers";

export type RenewalSummary = { renewed: number; downgraded: number; pastDue: number; expired: number };

/** Providers that bill on their own (Stripe) renew through their webhooks, not here. */
const DIRECT_CHARGE_PROVIDERS = ["sandbox"];

export async function renewDueMemberships(
  db: Db,
  now: Date,
  provider: PaymentProvider = sandboxProvider,
  batchSize = 100,
): Promise<RenewalSummary> {
  const summary: RenewalSummary = { renewed: 0, downgraded: 0, pastDue: 0, expired: 0 };
  const due = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        ne(memberships.status, "expired"),
        lte(memberships.currentPeriodEnd, now),
        inArray(memberships.provider, DIRECT_CHARGE_PROVIDERS),
      ),
    )
    .limit(batchSize);
  for (const { id } of due) {
    const result = await db.transaction(async (tx) => {
      const [m] = await tx.select().from(memberships).where(eq(memberships.id, id)).for("update", { skipLocked: true });
      // Claimed by another runner, or already handled since we listed it.
      if (!m || m.status === "expired" || !m.currentPeriodEnd || m.currentPeriodEnd > now) return null;
      const periodEnd = m.currentPeriodEnd;
      const event = { creatorId: m.creatorId, tierId: m.tierId, occurredAt: now };
      const end = async (status: "expired") => {
        await tx.update(memberships).set({ status, endedAt: periodEnd, updatedAt: now }).where(eq(memberships.id, m.id));
        await recordEvents(tx, [{ ...event, kind: "expired", mrrDelta: -monthlyValue(m.price, m.interval) }]);
      };

      if (m.status === "cancelling") {
        await end("expired");
        return "expired" as const;
      }
      if (m.status === "past_due" && now.getTime() >= periodEnd.getTime() + PAST_DUE_GRACE_MS) {
        await end("expired");
        return "expired" as const;
      }
      const pending = m.pendingTierId ? await tx.query.tiers.findFirst({ where: eq(tiers.id, m.pendingTierId) }) : null;
      if (pending && pending.monthlyPrice === 0) {
        await tx
          .update(memberships)
          .set({ tierId: pending.id, price: 0, pendingTierId: null, currentPeriodEnd: null, status: "active", updatedAt: now })
          .where(eq(memberships.id, m.id));
        await recordEvents(tx, [{ ...event, kind: "downgraded", tierId: pending.id, mrrDelta: -monthlyValue(m.price, m.interval) }]);
        return "downgraded" as const;
      }
      // A member keeps the price they joined at; a pending downgrade bills the new tier's price.
      const price = pending ? priceForInterval(pending, m.interval) : m.price;
      const attempt = {
        idempotencyKey: `renewal:${m.id}:${periodEnd.toISOString()}`,
        userId: m.userId,
        creatorId: m.creatorId,
        tierId: pending?.id ?? m.tierId,
        membershipId: m.id,
        amount: price,
        currency: m.currency,
        provider: provider.name,
        createdAt: now,
      };
      const charge = await chargeAttempt(tx, provider, attempt, { paymentMethod: m.providerSubscriptionId ?? "", description: "Membership renewal" });
      if (!charge.ok) {
        await tx.update(memberships).set({ status: "past_due", updatedAt: now }).where(eq(memberships.id, m.id));
        // Counted once, when the membership falls past due, not at every retry of the charge.
        if (m.status !== "past_due") await recordEvents(tx, [{ ...event, kind: "payment_failed" }]);
        return "pastDue" as const;
      }
      await recordPayment(tx, { ...attempt, status: "succeeded", providerPaymentId: charge.providerPaymentId });
      await tx
        .update(memberships)
        .set({
          tierId: pending?.id ?? m.tierId,
          price,
          pendingTierId: null,
          status: "active",
          currentPeriodEnd: addInterval(periodEnd, m.interval),
          updatedAt: now,
        })
        .where(eq(memberships.id, m.id));
      await recordEvents(tx, [
        pending
          ? { ...event, kind: "downgraded", tierId: pending.id, mrrDelta: monthlyValue(price, m.interval) - monthlyValue(m.price, m.interval) }
          : { ...event, kind: "renewed" },
      ]);
      return pending ? ("downgraded" as const) : ("renewed" as const);
    });
    if (result) summary[result] += 1;
  }
  return summary;
}
