// Changing a membership after joining: cancelling at the period end, resuming, moving to another
// tier (up at once with a charge, down at the period end), and the fan's own list of memberships.
import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import { creators, memberships, tiers } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { changeTierInput, membershipIdInput } from "@/lib/schemas/membership";
import type { z } from "zod";
import { isEntitlementLive } from "../access/policy";
import { monthlyValue, recordEvents } from "../analytics/ingest";
import { requireViewer, type AuthedContext, type ServiceContext } from "../context";
import { replayed, requireDirectCharges, type MembershipRow } from "./join";
import { addInterval, chargeAttempt, findPaymentByKey, recordPayment } from "./payments/ledger";
import type { PaymentProvider } from "./payments/provider";
import { sandboxProvider } from "./payments/sandbox";
import { checkPlaceLeft, getJoinableTier, lockTier, priceForInterval, tierNotJoinable, type TierRow } from "./tiers";

export async function ownMembership(ctx: ServiceContext, membershipId: string): Promise<MembershipRow> {
  requireViewer(ctx);
  const membership = await ctx.db.query.memberships.findFirst({
    where: and(eq(memberships.id, membershipId), eq(memberships.userId, ctx.viewer.userId)),
  });
  if (!membership || !isEntitlementLive(membership, ctx.now)) {
    throw new AppError(AppErrorCode.NOT_FOUND, "This membership has ended.");
  }
  return membership;
}

/**
 * Cancels at the period end: a paid member keeps access until then. A free membership has no
 * period, so it ends now.
 */
export async function cancelMembership(ctx: ServiceContext, input: z.input<typeof membershipIdInput>): Promise<MembershipRow> {
  const { membershipId } = membershipIdInput.parse(input);
  const membership = await ownMembership(ctx, membershipId);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(memberships)
      .set(
        membership.currentPeriodEnd === null
          ? { status: "expired", endedAt: ctx.now, updatedAt: ctx.now }
          : { status: "cancelling", pendingTierId: null, updatedAt: ctx.now },
      )
      .where(and(eq(memberships.id, membership.id), ne(memberships.status, "cancelling")))
      .returning();
    // Cancelling twice is cancelling once. Revenue goes when the paid period ends (renewals.ts).
    if (updated) {
      const event = { creatorId: membership.creatorId, tierId: membership.tierId, occurredAt: ctx.now };
      // A free membership has no period to wait for: it ends as it is cancelled.
      await recordEvents(tx, [{ ...event, kind: "cancelled" }, ...(updated.status === "expired" ? [{ ...event, kind: "expired" as const }] : [])]);
    }
    return updated ?? membership;
  });
}

export async function resumeMembership(ctx: ServiceContext, input: z.input<typeof membershipIdInput>): Promise<MembershipRow> {
  const { membershipId } = membershipIdInput.parse(input);
  const membership = await ownMembership(ctx, membershipId);
  if (membership.status !== "cancelling") {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This membership is not cancelled.");
  }
  const [updated] = await ctx.db
    .update(memberships)
    .set({ status: "active", updatedAt: ctx.now })
    .where(and(eq(memberships.id, membership.id), eq(memberships.status, "cancelling")))
    .returning();
  return updated!;
}

/**
 * Moves a paid member to another tier of the same creator. Up (a higher price) takes effect at
 * once and charges the new price for a fresh period; down waits for the period end, when the
 * renewal switches tier. Free members move up through checkout, since that needs a card.
 */
export async function changeTier(
  ctx: ServiceContext,
  input: z.input<typeof changeTierInput>,
  provider: PaymentProvider = sandboxProvider,
): Promise<MembershipRow> {
  requireViewer(ctx);
  const data = changeTierInput.parse(input);
  const membership = await ownMembership(ctx, data.membershipId);
  const target = await getJoinableTier(ctx, data.tierId);
  if (target.creatorId !== membership.creatorId) throw tierNotJoinable();
  if (target.id === membership.tierId) {
    // Choosing the current tier again undoes a pending downgrade.
    const [updated] = await ctx.db
      .update(memberships)
      .set({ pendingTierId: null, updatedAt: ctx.now })
      .where(eq(memberships.id, membership.id))
      .returning();
    return updated!;
  }
  if (membership.currentPeriodEnd === null) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Choose the tier on the join page to pay for it.", { field: "tierId" });
  }
  const newPrice = priceForInterval(target, membership.interval);
  if (newPrice <= membership.price) {
    const [updated] = await ctx.db
      .update(memberships)
      .set({ pendingTierId: target.id, status: membership.status === "cancelling" ? "active" : membership.status, updatedAt: ctx.now })
      .where(eq(memberships.id, membership.id))
      .returning();
    return updated!;
  }
  return upgradeNow(ctx, membership, target, newPrice, data.idempotencyKey, provider);
}

async function upgradeNow(
  ctx: AuthedContext,
  membership: MembershipRow,
  target: TierRow,
  amount: number,
  idempotencyKey: string,
  provider: PaymentProvider,
): Promise<MembershipRow> {
  requireDirectCharges(provider);
  const outcome = await ctx.db.transaction(async (tx) => {
    const locked = await lockTier(tx, target.id);
    const replay = await findPaymentByKey(tx, idempotencyKey);
    if (replay) return replayed(tx, ctx, replay);
    await checkPlaceLeft(tx, locked);
    const attempt = {
      idempotencyKey,
      userId: ctx.viewer.userId,
      creatorId: target.creatorId,
      tierId: target.id,
      membershipId: membership.id,
      amount,
      currency: target.currency,
      provider: provider.name,
      createdAt: ctx.now,
    };
    const charge = await chargeAttempt(tx, provider, attempt, {
      paymentMethod: membership.providerSubscriptionId ?? "",
      description: `${target.name} membership (upgrade)`,
    });
    if (!charge.ok) return { ok: false as const, message: charge.message };
    const payment = await recordPayment(tx, { ...attempt, status: "succeeded", providerPaymentId: charge.providerPaymentId });
    await recordEvents(tx, [
      {
        creatorId: target.creatorId,
        tierId: target.id,
        kind: "upgraded",
        mrrDelta: monthlyValue(amount, membership.interval) - monthlyValue(membership.price, membership.interval),
        occurredAt: ctx.now,
      },
    ]);
    const [updated] = await tx
      .update(memberships)
      .set({
        tierId: target.id,
        price: amount,
        status: "active",
        pendingTierId: null,
        currentPeriodEnd: addInterval(ctx.now, membership.interval),
        updatedAt: ctx.now,
      })
      .where(eq(memberships.id, membership.id))
      .returning();
    return { ok: true as const, membership: updated!, paymentId: payment!.id };
  });
  if (!outcome.ok) throw new AppError(AppErrorCode.INVALID_INPUT, outcome.message, { field: "card" });
  return outcome.membership;
}

export type MyMembership = {
  id: string;
  /** Who charges it: the sandbox (card updated here) or Stripe (card updated on Stripe's portal). */
  provider: string;
  status: MembershipRow["status"];
  live: boolean;
  price: number;
  currency: string;
  interval: MembershipRow["interval"];
  priceLabel: string;
  currentPeriodEnd: Date | null;
  startedAt: Date;
  tier: { id: string; name: string };
  pendingTier: { id: string; name: string } | null;
  creator: { id: string; handle: string; displayName: string };
};

/** The viewer's memberships that are not over, newest first, for the memberships page. */
export async function listMyMemberships(ctx: ServiceContext): Promise<MyMembership[]> {
  requireViewer(ctx);
  const rows = await ctx.db
    .select({ membership: memberships, tier: { id: tiers.id, name: tiers.name }, creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName } })
    .from(memberships)
    .innerJoin(tiers, eq(tiers.id, memberships.tierId))
    .innerJoin(creators, eq(creators.id, memberships.creatorId))
    .where(and(eq(memberships.userId, ctx.viewer.userId), ne(memberships.status, "expired")));
  const pendingIds = rows.map((r) => r.membership.pendingTierId).filter((id): id is string => id !== null);
  const pending = pendingIds.length
    ? await ctx.db.query.tiers.findMany({ where: (t, { inArray }) => inArray(t.id, pendingIds), columns: { id: true, name: true } })
    : [];
  return rows
    .map(({ membership: m, tier, creator }) => ({
      id: m.id,
      provider: m.provider,
      status: m.status,
      live: isEntitlementLive(m, ctx.now),
      price: m.price,
      currency: m.currency,
      interval: m.interval,
      priceLabel: m.price === 0 ? "Free" : `${formatMoney(m.price, m.currency)} / ${m.interval}`,
      currentPeriodEnd: m.currentPeriodEnd,
      startedAt: m.startedAt,
      tier,
      pendingTier: pending.find((t) => t.id === m.pendingTierId) ?? null,
      creator,
    }))
    .filter((m) => m.live)
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

export type PastMembership = {
  creator: { id: string; handle: string; displayName: string };
  /** The tier they held last; `rejoinable` when it still takes members (published). */
  tier: { id: string; name: string; rejoinable: boolean };
  /** When their access ended. */
  endedAt: Date;
};

/**
 * Creators the viewer was a member of and is no longer (expired, or past the period they paid
 * for), with the tier they held last, newest first: the memberships page offers to rejoin them,
 * and so does each creator's page. A creator they belong to again is not listed.
 */
export async function listPastMemberships(ctx: ServiceContext): Promise<PastMembership[]> {
  requireViewer(ctx);
  const rows = await ctx.db
    .select({
      membership: { status: memberships.status, currentPeriodEnd: memberships.currentPeriodEnd, endedAt: memberships.endedAt, updatedAt: memberships.updatedAt },
      tier: { id: tiers.id, name: tiers.name, status: tiers.status },
      creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName },
    })
    .from(memberships)
    .innerJoin(tiers, eq(tiers.id, memberships.tierId))
    .innerJoin(creators, eq(creators.id, memberships.creatorId))
    .where(eq(memberships.userId, ctx.viewer.userId))
    .orderBy(desc(memberships.startedAt));
  const seen = new Set<string>();
  const past: PastMembership[] = [];
  // Newest first: a creator's newest membership decides whether they are past or present.
  for (const { membership: m, tier, creator } of rows) {
    if (seen.has(creator.id)) continue;
    seen.add(creator.id);
    if (isEntitlementLive(m, ctx.now)) continue;
    const endedAt = m.endedAt ?? m.currentPeriodEnd ?? m.updatedAt;
    past.push({ creator, tier: { id: tier.id, name: tier.name, rejoinable: tier.status === "published" }, endedAt });
  }
  return past.sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime());
}
