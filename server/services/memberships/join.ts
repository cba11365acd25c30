// Joining a creator: a free tier in one step, a paid one through checkout. Every join locks its
// tier row, so a member cap holds under concurrent joins and a double-submitted checkout (same
// idempotency key) finds the first one's outcome instead of charging twice. Changing and ending a
// membership is in change.ts.
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { memberships, posts } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { checkoutInput, joinFreeInput } from "@/lib/schemas/membership";
import type { z } from "zod";
import { isEntitlementLive } from "../access/policy";
import { requireViewer, type AuthedContext, type ServiceContext } from "../context";
import { monthlyValue, recordEvents } from "../analytics/ingest";
import { followAsMember } from "../discovery/follows";
import { attributableRecommendationId } from "../discovery/recommendations";
import { addInterval, chargeAttempt, findPaymentByKey, recordPayment, type PaymentRow, type Tx } from "./payments/ledger";
import { requestWelcomeEmail } from "../../jobs/queues";
import { checkoutProvider } from "./payments/config";
import type { PaymentProvider } from "./payments/provider";
import { sandboxProvider } from "./payments/sandbox";
import { checkPlaceLeft, getJoinableTier, lockTier, type TierRow } from "./tiers";

export type MembershipRow = typeof memberships.$inferSelect;

function alreadyMember(): AppError {
  return new AppError(
    AppErrorCode.ALREADY_EXISTS,
    "You are already a member here. Change your tier from your memberships page.",
    { field: "tierId" },
  );
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

/**
 * The post a join is credited to, when it still exists and is the creator's own; otherwise none.
 * NOTE: the post may have been deleted while the fan was on the join page, and the id comes from
 * the page's address: neither may turn a join into an error.
 */
async function attributablePostId(tx: Tx, postId: string | null | undefined, creatorId: string): Promise<string | null> {
  if (!postId) return null;
  const post = await tx.query.posts.findFirst({ where: and(eq(posts.id, postId), eq(posts.creatorId, creatorId)), columns: { id: true } });
  return post?.id ?? null;
}

export type AskedCredit = { attributedPostId: string | null; recommendationId: string | null };

/**
 * What the join page's address asks to credit a join to: the post it came from (`next`, when it
 * is a post of this creator's) and another creator's recommendation (`rec`). Checked again when
 * the join is made; anything that does not fit is simply not credited.
 */
export async function creditAskedByPage(db: Db, creator: { id: string; handle: string }, next: string, rec: unknown): Promise<AskedCredit> {
  const slug = new RegExp(`^/${creator.handle}/posts/([^/?#]+)`).exec(next)?.[1];
  const [post] = slug
    ? await db
        .select({ id: posts.id })
        .from(posts)
        .where(and(eq(posts.creatorId, creator.id), eq(posts.slug, slug)))
        .limit(1)
    : [];
  const recommendationId = typeof rec === "string" && /^[\w-]{1,64}$/.test(rec) ? rec : null;
  return { attributedPostId: post?.id ?? null, recommendationId };
}

export type JoinCredit = { attributedPostId: string | null; attributedRecommendationId: string | null };

/** What a join is credited to: the post whose Join led there, another creator's recommendation. */
export async function joinCredit(
  tx: Tx,
  asked: { attributedPostId?: string | null; recommendationId?: string | null },
  creatorId: string,
): Promise<JoinCredit> {
  return {
    attributedPostId: await attributablePostId(tx, asked.attributedPostId, creatorId),
    attributedRecommendationId: await attributableRecommendationId(tx, asked.recommendationId, creatorId),
  };
}

/** The source a join event is counted under: a recommendation's, or the reader's own way in. */
export function joinSource(credit: JoinCredit): string | undefined {
  return credit.attributedRecommendationId ? "recommendation" : undefined;
}

/** Joins a free tier in one step. Joining the tier one already holds is a no-op, not an error. */
export async function joinFree(ctx: ServiceContext, input: z.input<typeof joinFreeInput>): Promise<MembershipRow> {
  requireViewer(ctx);
  const data = joinFreeInput.parse(input);
  const tier = await getJoinableTier(ctx, data.tierId);
  if (tier.monthlyPrice !== 0) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This tier is paid: continue to checkout.", { field: "tierId" });
  }
  const joined = await withJoinConflicts(() =>
    ctx.db.transaction(async (tx) => {
      const locked = await lockTier(tx, tier.id);
      const existing = await currentMembership(tx, ctx.viewer.userId, tier.creatorId, ctx.now);
      if (existing?.tierId === tier.id && existing.status === "active") return existing;
      if (existing) throw alreadyMember();
      await checkPlaceLeft(tx, locked);
      const credit = await joinCredit(tx, data, tier.creatorId);
      const [created] = await tx
        .insert(memberships)
        .values({
          userId: ctx.viewer.userId,
          creatorId: tier.creatorId,
          tierId: tier.id,
          price: 0,
          currency: tier.currency,
          currentPeriodEnd: null,
          ...credit,
          startedAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await followAsMember(tx, ctx.viewer.userId, tier.creatorId, ctx.now);
      await recordEvents(tx, [
        { creatorId: tier.creatorId, tierId: tier.id, postId: created!.attributedPostId, kind: "joined_free", source: joinSource(credit), occurredAt: ctx.now },
      ]);
      return created!;
    }),
  );
  // NOTE: a join repeated (the tier already held) was welcomed the first time; the claim sends once.
  if (!joined.welcomedAt) await requestWelcomeEmail(joined.id);
  return joined;
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
  await checkPlaceLeft(tx, locked);
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
export function requireDirectCharges(provider: PaymentProvider) {
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
      const attempt = {
        idempotencyKey: data.idempotencyKey,
        userId: ctx.viewer.userId,
        creatorId: tier.creatorId,
        tierId: tier.id,
        amount,
        currency: tier.currency,
        provider: provider.name,
        createdAt: ctx.now,
      };
      const charge = await chargeAttempt(tx, provider, attempt, { paymentMethod: method.paymentMethod, description: `${tier.name} membership` });
      if (!charge.ok) {
        await recordEvents(tx, [{ creatorId: tier.creatorId, tierId: tier.id, kind: "payment_failed", occurredAt: ctx.now }]);
        return { ok: false as const, message: charge.message };
      }
      if (existing) await expireMembership(tx, existing, ctx.now);
      const credit = await joinCredit(tx, data, tier.creatorId);
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
          ...credit,
          provider: provider.name,
          providerSubscriptionId: method.paymentMethod,
          startedAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await followAsMember(tx, ctx.viewer.userId, tier.creatorId, ctx.now);
      await recordEvents(tx, [
        {
          creatorId: tier.creatorId,
          tierId: tier.id,
          postId: membership!.attributedPostId,
          kind: "joined_paid",
          mrrDelta: monthlyValue(amount, data.interval),
          source: joinSource(credit),
          occurredAt: ctx.now,
        },
      ]);
      const payment = await recordPayment(tx, {
        ...attempt,
        membershipId: membership!.id,
        status: "succeeded",
        providerPaymentId: charge.providerPaymentId,
      });
      return { ok: true as const, membership: membership!, paymentId: payment!.id };
    }),
  );
  if (!outcome.ok) throw new AppError(AppErrorCode.INVALID_INPUT, outcome.message, { field: "card" });
  if (!outcome.membership.welcomedAt) await requestWelcomeEmail(outcome.membership.id);
  return { membership: outcome.membership, paymentId: outcome.paymentId };
}

type Outcome = { ok: true; membership: MembershipRow; paymentId: string } | { ok: false; message: string };

/** The first submission's outcome, for a second submission with the same key. */
export async function replayed(tx: Tx, ctx: AuthedContext, payment: PaymentRow): Promise<Outcome> {
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
    // Two joins to one creator at once: the second finds the first's row (one live membership
    // per fan and creator).
    if (isUniqueViolation(error)) throw alreadyMember();
    throw error;
  }
}
