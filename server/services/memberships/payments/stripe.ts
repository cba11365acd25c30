// The Stripe adapter: paid joins through Stripe Checkout (a hosted page, so card details never
// touch us) and the webhook that turns Stripe's events into memberships and ledger rows. Each
// event is recorded in webhook_events in the same transaction as its effect: a replay is skipped,
// and a failure rolls both back so Stripe's retry tries again.
import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, ne, or, sql } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import type { Db } from "@/db/client";
import { creators, memberships, webhookEvents } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { stripeCheckoutInput, type StripeCheckoutInput } from "@/lib/schemas/membership";
import { log } from "../../../observability/log";
import { withSpan } from "../../../observability/tracing";
import { requireViewer, type ServiceContext } from "../../context";
import { followAsMember } from "../../discovery/follows";
import { monthlyValue, recordEvents } from "../../analytics/ingest";
import { assertPaidJoinOpen, joinCredit, joinSource, paidJoinTerms } from "../join";
import { stripeSettings, type StripeSettings } from "./config";
import { addInterval, recordPayment, type Tx } from "./ledger";

let cached: { settings: StripeSettings; client: Stripe } | null = null;

/** A call to Stripe's API as a span named by its operation; nothing of the request is recorded. */
export function callStripe<T>(operation: string, call: () => Promise<T>): Promise<T> {
  return withSpan(`stripe ${operation}`, { "peer.service": "stripe", "rpc.method": operation }, call);
}

/** The configured client, or null when Stripe is not set up (the sandbox is used instead). */
export function stripeClient(): Stripe | null {
  const settings = stripeSettings();
  if (!settings) return null;
  if (cached?.settings.secretKey !== settings.secretKey || cached.settings.apiBase?.href !== settings.apiBase?.href) {
    const base = settings.apiBase;
    cached = {
      settings,
      client: new Stripe(settings.secretKey, {
        ...(base && {
          protocol: base.protocol === "http:" ? "http" : "https",
          host: base.hostname,
          port: base.port || (base.protocol === "http:" ? 80 : 443),
        }),
        // The idempotency key already makes our retries safe; one automatic retry on a network blip.
        maxNetworkRetries: 1,
      }),
    };
  }
  return cached.client;
}

/**
 * The id the membership will have once Stripe confirms the payment, fixed before the fan leaves
 * for Stripe so the page they return to can wait for exactly that membership. Derived from the
 * attempt's key, so a repeated request sends Stripe the same parameters (idempotent requests must).
 */
function pendingMembershipId(userId: string, idempotencyKey: string): string {
  const hex = createHash("sha256").update(`membership:${userId}:${idempotencyKey}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Starts a paid join through Stripe Checkout: checks the join like a sandbox checkout would, then
 * asks Stripe for a hosted payment page for the tier's price and returns its URL. Nothing is
 * written here; the membership starts when Stripe's `checkout.session.completed` webhook arrives.
 * `origin` is this site's public origin, for the addresses Stripe sends the fan back to.
 */
export async function startStripeCheckout(ctx: ServiceContext, input: StripeCheckoutInput, origin: string): Promise<{ url: string; membershipId: string }> {
  requireViewer(ctx);
  const stripe = stripeClient();
  if (!stripe) throw new AppError(AppErrorCode.INVALID_INPUT, "Card payments through Stripe are not set up here.", { field: "tierId" });
  const data = stripeCheckoutInput.parse(input);
  const { tier, amount } = await paidJoinTerms(ctx, data.tierId, data.interval);
  await assertPaidJoinOpen(ctx, tier);
  const creator = await ctx.db.query.creators.findFirst({ where: eq(creators.id, tier.creatorId), columns: { handle: true } });
  if (!creator) throw new AppError(AppErrorCode.NOT_FOUND, "This tier is not open for joining.", { field: "tierId" });

  const membershipId = pendingMembershipId(ctx.viewer.userId, data.idempotencyKey);
  const tierPath = `/${creator.handle}/join/${tier.id}`;
  const back = (path: string, params: Record<string, string>) => {
    const url = new URL(path, origin);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  };
  const next: Record<string, string> = data.next ? { next: data.next } : {};
  const metadata: Record<string, string> = {
    membershipId,
    userId: ctx.viewer.userId,
    tierId: tier.id,
    creatorId: tier.creatorId,
    interval: data.interval,
    ...(data.attributedPostId ? { attributedPostId: data.attributedPostId } : {}),
    ...(data.recommendationId ? { recommendationId: data.recommendationId } : {}),
  };
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "subscription",
    client_reference_id: ctx.viewer.userId,
    success_url: back(`${tierPath}/confirm`, { membership: membershipId, ...next }),
    cancel_url: back(tierPath, { checkout: "cancelled", ...next }),
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: tier.currency.toLowerCase(),
          unit_amount: amount,
          recurring: { interval: data.interval },
          product_data: { name: tier.name },
        },
      },
    ],
    metadata,
    subscription_data: { metadata },
  };
  // Namespaced per fan: keys come from the browser, and Stripe keys are account-wide.
  const idempotencyKey = `checkout:${ctx.viewer.userId}:${data.idempotencyKey}`;
  let session: Stripe.Checkout.Session;
  try {
    session = await callStripe("checkout.sessions.create", () => stripe.checkout.sessions.create(params, { idempotencyKey }));
  } catch (error) {
    // Stripe's own words can name keys and accounts: the fan gets plain ones, the log the details.
    log.error({ err: error }, "Stripe refused to create a Checkout Session");
    throw new AppError(AppErrorCode.CONFLICT, "The payment page could not be opened. Try again in a moment.", { cause: error });
  }
  if (!session.url) throw new AppError(AppErrorCode.CONFLICT, "The payment page could not be opened. Try again in a moment.");
  return { url: session.url, membershipId };
}

const checkoutCompleted = z.object({
  id: z.string(),
  amount_total: z.number().int().nonnegative(),
  currency: z.string(),
  subscription: z.string().nullable(),
  metadata: z.object({
    // Set by startStripeCheckout; sessions made before it existed start a membership with a new id.
    membershipId: z.string().max(64).optional(),
    userId: z.string(),
    tierId: z.string(),
    creatorId: z.string(),
    interval: z.enum(["month", "year"]),
    attributedPostId: z.string().max(64).optional(),
    recommendationId: z.string().max(64).optional(),
  }),
});

const invoiceEvent = z.object({
  id: z.string(),
  amount_paid: z.number().int().nonnegative(),
  currency: z.string(),
  parent: z.object({ subscription_details: z.object({ subscription: z.string() }).nullable() }).nullable(),
  lines: z.object({ data: z.array(z.object({ period: z.object({ end: z.number() }) })) }),
});

const subscriptionDeleted = z.object({ id: z.string() });

export type WebhookOutcome = { handled: boolean; duplicate: boolean; type: string };

/** How far a delivery's signed time may be from ours, either way: Stripe's own default window. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The signed time (`t=`) of a `Stripe-Signature` header, in seconds. */
function signedAt(signature: string): number | null {
  const stamp = signature.split(",").find((part) => part.trim().startsWith("t="));
  const seconds = stamp ? Number(stamp.trim().slice(2)) : NaN;
  return Number.isSafeInteger(seconds) ? seconds : null;
}

/**
 * Verifies and applies one webhook delivery. A bad signature, or one signed too long ago or too
 * far ahead of `now` (a replay, or a delivery kept to be replayed later), is refused
 * (INVALID_INPUT → 400); an event we do not act on is acknowledged and recorded.
 */
export async function handleStripeWebhook(
  db: Db,
  payload: string,
  signature: string | null,
  secret: string,
  now: Date,
): Promise<WebhookOutcome> {
  let event: Stripe.Event;
  try {
    // Stripe checks the age against `now` but lets any time in the future through.
    event = Stripe.webhooks.constructEvent(payload, signature ?? "", secret, SIGNATURE_TOLERANCE_SECONDS, undefined, now.getTime());
  } catch (error) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "The webhook signature does not match.", { cause: error });
  }
  const at = signedAt(signature ?? "");
  if (at === null || at - now.getTime() / 1000 > SIGNATURE_TOLERANCE_SECONDS) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "The webhook signature does not match.");
  }
  return db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(webhookEvents)
      .values({ provider: "stripe", eventId: event.id, type: event.type, processedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!fresh) return { handled: false, duplicate: true, type: event.type };
    const handled = await applyEvent(tx, event.type, event.data.object, now);
    return { handled, duplicate: false, type: event.type };
  });
}

/**
 * Cancels a subscription whose membership was replaced. Inside the webhook's transaction: if
 * Stripe cannot be reached the whole event rolls back and Stripe delivers it again.
 */
async function cancelReplacedSubscription(subscriptionId: string): Promise<void> {
  const stripe = stripeClient();
  if (!stripe) throw new Error("Stripe is not configured, so a replaced subscription cannot be cancelled.");
  try {
    await callStripe("subscriptions.cancel", () => stripe.subscriptions.cancel(subscriptionId));
  } catch (error) {
    // Already gone at Stripe: nothing is left to bill.
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") return;
    throw error;
  }
}

function ofSubscription(subscriptionId: string) {
  return and(eq(memberships.providerSubscriptionId, subscriptionId), eq(memberships.provider, "stripe"));
}

/** The membership a subscription pays for: the live one if any, else the latest that ended. */
async function subscriptionMembership(tx: Tx, subscriptionId: string) {
  return (
    (await tx.query.memberships.findFirst({
      where: ofSubscription(subscriptionId),
      orderBy: [sql`${memberships.status} = 'expired'`, desc(memberships.startedAt)],
    })) ?? null
  );
}

/**
 * Whether this checkout already started its membership: one subscription starts one membership,
 * however many completed-checkout events (distinct ids, even distinct sessions) Stripe sends about
 * it. Without this a second event expired the first membership and started another, and the
 * subscription's deletion later ended only one of them.
 */
async function checkoutAlreadyApplied(tx: Tx, membershipId: string | undefined, subscriptionId: string | null): Promise<boolean> {
  const conditions = [
    ...(membershipId ? [eq(memberships.id, membershipId)] : []),
    ...(subscriptionId ? [ofSubscription(subscriptionId)] : []),
  ];
  if (conditions.length === 0) return false;
  return (await tx.query.memberships.findFirst({ where: or(...conditions), columns: { id: true } })) !== undefined;
}

async function applyEvent(tx: Tx, type: string, object: unknown, now: Date): Promise<boolean> {
  switch (type) {
    case "checkout.session.completed": {
      const session = checkoutCompleted.parse(object);
      const { membershipId, userId, tierId, creatorId, interval } = session.metadata;
      if (await checkoutAlreadyApplied(tx, membershipId, session.subscription)) return false;
      // A membership that was live (a free one being upgraded) gives way to the paid one.
      const replaced = await tx
        .update(memberships)
        .set({ status: "expired", endedAt: now, updatedAt: now })
        .where(and(eq(memberships.userId, userId), eq(memberships.creatorId, creatorId), ne(memberships.status, "expired")))
        .returning({ provider: memberships.provider, subscriptionId: memberships.providerSubscriptionId });
      // CASE: two checkouts paid for one creator (two tabs both passed the check before either
      // finished). The newest membership stands; the subscription behind the one it replaces is
      // cancelled at Stripe, or the fan would be billed for both every period.
      for (const old of replaced) {
        if (old.provider === "stripe" && old.subscriptionId && old.subscriptionId !== session.subscription) {
          await cancelReplacedSubscription(old.subscriptionId);
        }
      }
      // NOTE: the fan has paid, so the membership starts even if the tier filled up meanwhile.
      const credit = await joinCredit(tx, session.metadata, creatorId);
      const [membership] = await tx
        .insert(memberships)
        .values({
          ...(membershipId && { id: membershipId }),
          userId,
          creatorId,
          tierId,
          price: session.amount_total,
          currency: session.currency.toUpperCase(),
          interval,
          currentPeriodEnd: addInterval(now, interval),
          ...credit,
          provider: "stripe",
          providerSubscriptionId: session.subscription,
          startedAt: now,
          updatedAt: now,
        })
        .returning();
      await followAsMember(tx, userId, creatorId, now);
      await recordEvents(tx, [
        {
          creatorId,
          tierId,
          postId: membership!.attributedPostId,
          kind: "joined_paid",
          mrrDelta: monthlyValue(session.amount_total, interval),
          source: joinSource(credit),
          occurredAt: now,
        },
      ]);
      await recordPayment(tx, {
        idempotencyKey: `stripe:${session.id}`,
        userId,
        creatorId,
        tierId,
        membershipId: membership!.id,
        amount: session.amount_total,
        currency: session.currency.toUpperCase(),
        status: "succeeded",
        provider: "stripe",
        providerPaymentId: session.id,
        createdAt: now,
      });
      return true;
    }
    case "invoice.paid":
    case "invoice.payment_failed": {
      const invoice = invoiceEvent.parse(object);
      const subscriptionId = invoice.parent?.subscription_details?.subscription;
      const membership = subscriptionId ? await subscriptionMembership(tx, subscriptionId) : null;
      if (!membership) return false;
      const paid = type === "invoice.paid";
      // A payment never brings an ended membership back: it is recorded, and access stays ended.
      const ended = membership.status === "expired";
      await recordPayment(tx, {
        idempotencyKey: `stripe:${invoice.id}`,
        userId: membership.userId,
        creatorId: membership.creatorId,
        tierId: membership.tierId,
        membershipId: membership.id,
        amount: paid ? invoice.amount_paid : 0,
        currency: invoice.currency.toUpperCase(),
        status: paid ? "succeeded" : "failed",
        provider: "stripe",
        providerPaymentId: invoice.id,
        failureCode: paid ? null : "payment_failed",
        createdAt: now,
      });
      if (ended) return true;
      // The first invoice is the join's own payment (counted as the join); a later one renews.
      const renewal = paid && membership.startedAt.getTime() < now.getTime() - 60 * 60 * 1000;
      if (renewal || (!paid && membership.status !== "past_due")) {
        await recordEvents(tx, [{ creatorId: membership.creatorId, tierId: membership.tierId, kind: paid ? "renewed" : "payment_failed", occurredAt: now }]);
      }
      const periodEnd = invoice.lines.data[0]?.period.end;
      await tx
        .update(memberships)
        .set(
          paid
            ? { status: membership.status === "cancelling" ? "cancelling" : "active", currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : membership.currentPeriodEnd, updatedAt: now }
            : { status: "past_due", updatedAt: now },
        )
        .where(eq(memberships.id, membership.id));
      return true;
    }
    case "customer.subscription.deleted": {
      const subscription = subscriptionDeleted.parse(object);
      // Every membership the subscription paid for ends, not just the first one found.
      const ended = await tx
        .update(memberships)
        .set({ status: "expired", endedAt: now, updatedAt: now })
        .where(and(ofSubscription(subscription.id), ne(memberships.status, "expired")))
        .returning({ creatorId: memberships.creatorId, tierId: memberships.tierId, price: memberships.price, interval: memberships.interval });
      await recordEvents(
        tx,
        ended.map((m) => ({ creatorId: m.creatorId, tierId: m.tierId, kind: "expired" as const, mrrDelta: -monthlyValue(m.price, m.interval), occurredAt: now })),
      );
      return ended.length > 0;
    }
    default:
      return false;
  }
}
