// Memberships: joining free or paid, changing tier, cancelling and resuming. Every join locks its
// tier row, so a member cap holds under concurrent joins and a double-submitted checkout (same
// idempotency key) finds the first one's outcome instead of charging twice.
import { and, eq, ne } from "drizzle-orm";
import { creators, memberships, tiers } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { changeTierInput, checkoutInput, joinFreeInput, membershipIdInput } from "@/lib/schemas/membership";
import type { z } from "zod";
import { isEntitlementLive } from "../access/policy";
import { requireViewer, type AuthedContext, type ServiceContext } from "../context";
import { addInterval, findPaymentByKey, recordPayment, type Tx } from "./payments/ledger";
import { checkoutProvider } from "./payments/config";
import type { PaymentProvider } from "./payments/provider";
import { sandboxProvider } from "./payments/sandbox";
import { getJoinableTier, type TierRow } from "./tiers";

export type MembershipRow = typeof memberships.$inferSelect;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === "23505" || e.cause?.code === "23505";
}

function alreadyMember(): AppError {
  return new AppError(
    AppErrorCode.ALREADY_EXISTS,
    "You are already a member here. Change your tier from your memberships page.",
    { field: "tierId" },
  );
}

function tierFull(): AppError {
  return new AppError(AppErrorCode.CONFLICT, "This tier is full. Choose another tier.", { field: "tierId" });
}

/** Locks the tier for the rest of the transaction: joins to one tier queue up behind each other. */
async function lockTier(tx: Tx, tierId: string): Promise<TierRow> {
  const [tier] = await tx.select().from(tiers).where(eq(tiers.id, tierId)).for("update");
  if (!tier) throw new AppError(AppErrorCode.NOT_FOUND, "This tier is not open for joining.", { field: "tierId" });
  return tier;
}

/** Live members of a tier at `now`, the number its cap is compared with. */
async function liveCount(tx: Tx, tierId: string, now: Date): Promise<number> {
  const rows = await tx
    .select({ status: memberships.status, currentPeriodEnd: memberships.currentPeriodEnd })
    .from(memberships)
    .where(and(eq(memberships.tierId, tierId), ne(memberships.status, "expired")));
  return rows.filter((row) => isEntitlementLive(row, now)).length;
}

/**
 * The viewer's current membership with a creator. One that lapsed but was not yet marked expired
 * (no job ran) is closed here, so it does not block joining again.
 */
async function currentMembership(tx: Tx, userId: string, creatorId: string, now: Date): Promise<MembershipRow | null> {
  const existing = await tx.query.memberships.findFirst({
    where: and(eq(memberships.userId, userId), eq(memberships.creatorId, creatorId), ne(memberships.status, "expired")),
  });
  if (!existing) return null;
  if (isEntitlementLive(existing, now)) return existing;
  await expireMembership(tx, existing, now);
  return null;
}

async function expireMembership(tx: Tx, membership: MembershipRow, now: Date) {
  await tx
    .update(memberships)
    .set({ status: "expired", endedAt: membership.currentPeriodEnd ?? now, updatedAt: now })
    .where(eq(memberships.id, membership.id));
}

async function checkCap(tx: Tx, tier: TierRow, now: Date) {
  if (tier.memberCap !== null && (await liveCount(tx, tier.id, now)) >= tier.memberCap) throw tierFull();
}

/** Joins a free tier in one step. Joining the tier one already holds is a no-op, not an error. */
export async function joinFree(ctx: ServiceContext, input: z.input<typeof joinFreeInput>): Promise<MembershipRow> {
  requireViewer(ctx);
  const data = joinFreeInput.parse(input);
  const tier = await getJoinableTier(ctx, data.tierId);
  if (tier.monthlyPrice !== 0) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This tier is paid: continue to checkout.", { field: "tierId" });
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const locked = await lockTier(tx, tier.id);
      const existing = await currentMembership(tx, ctx.viewer.userId, tier.creatorId, ctx.now);
      if (existing?.tierId === tier.id && existing.status === "active") return existing;
      if (existing) throw alreadyMember();
      await checkCap(tx, locked, ctx.now);
      const [created] = await tx
        .insert(memberships)
        .values({
          userId: ctx.viewer.userId,
          creatorId: tier.creatorId,
          tierId: tier.id,
          price: 0,
          currency: tier.currency,
          currentPeriodEnd: null,
          attributedPostId: data.attributedPostId,
          startedAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      return created!;
    });
  } catch (error) {
    // Two joins to different tiers of one creator at once: the second finds the first's row.
    if (isUniqueViolation(error)) throw alreadyMember();
    throw error;
  }
}

export type CheckoutResult = { membership: MembershipRow; paymentId: string };

/** The tier a paid join is for and what it costs at `interval`; free tiers and missing prices are refused. */
export async function paidJoinTerms(ctx: ServiceContext, tierId: string, interval: "month" | "year"): Promise<{ tier: TierRow; amount: number }> {
  const tier = await getJoinableTier(ctx, tierId);
  if (tier.monthlyPrice === 0) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This tier is free: join it without a card.", { field: "tierId" });
  }
  const amount = interval === "year" ? tier.annualPrice : tier.monthlyPrice;
  if (amount === null) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This tier is billed monthly only.", { field: "interval" });
  }
  return { tier, amount };
}

/**
 * What a paid join needs, checked with the tier locked: a place under the cap, and no paid
 * membership with this creator yet (a paid member changes tier instead). Returns a free
 * membership the paid one will replace, if any.
 */
async function checkPaidJoin(tx: Tx, userId: string, locked: TierRow, now: Date): Promise<MembershipRow | null> {
  const existing = await currentMembership(tx, userId, locked.creatorId, now);
  if (existing && existing.price > 0) throw alreadyMember();
  await checkCap(tx, locked, now);
  return existing;
}

/**
 * The same checks before sending a fan to a hosted payment page, so nobody pays for a join we
 * would refuse. (The page takes minutes; the membership starts when the provider confirms.)
 */
export async function assertPaidJoinOpen(ctx: AuthedContext, tier: TierRow): Promise<void> {
  await withJoinConflicts(() =>
    ctx.db.transaction(async (tx) => {
      await checkPaidJoin(tx, ctx.viewer.userId, await lockTier(tx, tier.id), ctx.now);
    }),
  );
}

/**
 * A card charged in-process is only allowed while the sandbox is the site's payment path: with
 * Stripe configured, the sandbox's test cards must not start real memberships.
 */
function requireDirectCharges(provider: PaymentProvider) {
  if (provider === sandboxProvider && checkoutProvider() !== "sandbox") {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Payments here go through Stripe. Reload the page to continue.", { field: "card" });
  }
}

/**
 * Pays for a tier with the sandbox (or another direct-charge provider) and starts the membership.
 * The charge happens while the tier row is locked: the sandbox answers in-process, and holding the
 * lock is what makes the cap and the idempotency key exact. A declined card writes a failed ledger
 * row, creates no membership, and is reported next to the card field.
 */
export async function checkout(
  ctx: ServiceContext,
  input: z.input<typeof checkoutInput>,
  provider: PaymentProvider = sandboxProvider,
): Promise<CheckoutResult> {
  requireViewer(ctx);
  requireDirectCharges(provider);
  const data = checkoutInput.parse(input);
  const { tier, amount } = await paidJoinTerms(ctx, data.tierId, data.interval);
  const method = provider.createPaymentMethod(data.card, ctx.now);
  if (!method.ok) throw new AppError(AppErrorCode.INVALID_INPUT, method.message, { field: "card" });

  const outcome = await withJoinConflicts(() =>
    ctx.db.transaction(async (tx) => {
      const locked = await lockTier(tx, tier.id);
      const replay = await findPaymentByKey(tx, data.idempotencyKey);
      if (replay) return replayed(tx, ctx, replay);
      // A free member upgrading through checkout leaves the free tier.
      const existing = await checkPaidJoin(tx, ctx.viewer.userId, locked, ctx.now);
      const charge = await provider.charge({
        amount,
        currency: tier.currency,
        paymentMethod: method.paymentMethod,
        idempotencyKey: data.idempotencyKey,
        description: `${tier.name} membership`,
      });
      const base = {
        idempotencyKey: data.idempotencyKey,
        userId: ctx.viewer.userId,
        creatorId: tier.creatorId,
        tierId: tier.id,
        amount,
        currency: tier.currency,
        provider: provider.name,
        createdAt: ctx.now,
      };
      if (!charge.ok) {
        await recordPayment(tx, { ...base, status: "failed", failureCode: charge.code, failureMessage: charge.message });
        return { ok: false as const, message: charge.message };
      }
      if (existing) await expireMembership(tx, existing, ctx.now);
      const [membership] = await tx
        .insert(memberships)
        .values({
          userId: ctx.viewer.userId,
          creatorId: tier.creatorId,
          tierId: tier.id,
          price: amount,
          currency: tier.currency,
          interval: data.interval,
          currentPeriodEnd: addInterval(ctx.now, data.interval),
          attributedPostId: data.attributedPostId,
          provider: provider.name,
          providerSubscriptionId: method.paymentMethod,
          startedAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      const payment = await recordPayment(tx, {
        ...base,
        membershipId: membership!.id,
        status: "succeeded",
        providerPaymentId: charge.providerPaymentId,
      });
      return { ok: true as const, membership: membership!, paymentId: payment!.id };
    }),
  );
  if (!outcome.ok) throw new AppError(AppErrorCode.INVALID_INPUT, outcome.message, { field: "card" });
  return { membership: outcome.membership, paymentId: outcome.paymentId };
}

type Outcome = { ok: true; membership: MembershipRow; paymentId: string } | { ok: false; message: string };

/** The first submission's outcome, for a second submission with the same key. */
async function replayed(tx: Tx, ctx: AuthedContext, payment: NonNullable<Awaited<ReturnType<typeof findPaymentByKey>>>): Promise<Outcome> {
  if (payment.userId !== ctx.viewer.userId) {
    throw new AppError(AppErrorCode.CONFLICT, "Reload the page and try again.");
  }
  if (payment.status !== "succeeded" || !payment.membershipId) {
    return { ok: false, message: payment.failureMessage ?? "This payment did not go through. Try another card." };
  }
  const membership = await tx.query.memberships.findFirst({ where: eq(memberships.id, payment.membershipId) });
  if (!membership) throw new AppError(AppErrorCode.CONFLICT, "Reload the page and try again.");
  return { ok: true, membership, paymentId: payment.id };
}

async function withJoinConflicts<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMember();
    throw error;
  }
}

async function ownMembership(ctx: ServiceContext, membershipId: string): Promise<MembershipRow> {
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
  const [updated] = await ctx.db
    .update(memberships)
    .set(
      membership.currentPeriodEnd === null
        ? { status: "expired", endedAt: ctx.now, updatedAt: ctx.now }
        : { status: "cancelling", pendingTierId: null, updatedAt: ctx.now },
    )
    .where(eq(memberships.id, membership.id))
    .returning();
  return updated!;
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
  if (target.creatorId !== membership.creatorId) {
    throw new AppError(AppErrorCode.NOT_FOUND, "This tier is not open for joining.", { field: "tierId" });
  }
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
  const newPrice = membership.interval === "year" ? (target.annualPrice ?? target.monthlyPrice * 12) : target.monthlyPrice;
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
    await checkCap(tx, locked, ctx.now);
    const charge = await provider.charge({
      amount,
      currency: target.currency,
      paymentMethod: membership.providerSubscriptionId ?? "",
      idempotencyKey,
      description: `${target.name} membership (upgrade)`,
    });
    const base = {
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
    if (!charge.ok) {
      await recordPayment(tx, { ...base, status: "failed", failureCode: charge.code, failureMessage: charge.message });
      return { ok: false as const, message: charge.message };
    }
    const payment = await recordPayment(tx, { ...base, status: "succeeded", providerPaymentId: charge.providerPaymentId });
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
