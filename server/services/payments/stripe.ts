// The Stripe adapter: paid joins through Stripe Checkout (a hosted page, so card details never
// touch us) and the webhook that turns Stripe's events into memberships and ledger rows. Each
// event is recorded in webhook_events in the same transaction as its effect: a replay is skipped,
// and a failure rolls both back so Stripe's retry tries again.
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberships, webhookEvents } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { requireViewer, type ServiceContext } from "../context";
import { getJoinableTier } from "../tiers";
import { recordPayment, type Tx } from "./ledger";

/** The one piece of the Stripe client checkout needs, so tests can hand in a recorder. */
export type CheckoutSessionsApi = Pick<Stripe["checkout"]["sessions"], "create">;

let client: Stripe | null = null;

/** The configured client, or null when Stripe is not set up (the sandbox is used instead). */
export function stripeClient(): Stripe | null {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) return null;
  client ??= new Stripe(key);
  return client;
}

export async function createCheckoutSession(
  ctx: ServiceContext,
  input: { tierId: string; interval: "month" | "year"; successUrl: string; cancelUrl: string; idempotencyKey: string },
  sessions: CheckoutSessionsApi,
): Promise<{ url: string }> {
  requireViewer(ctx);
  const tier = await getJoinableTier(ctx, input.tierId);
  const amount = input.interval === "year" ? tier.annualPrice : tier.monthlyPrice;
  if (!amount) throw new AppError(AppErrorCode.INVALID_INPUT, "This tier cannot be paid this way.", { field: "interval" });
  const metadata = { userId: ctx.viewer.userId, tierId: tier.id, creatorId: tier.creatorId, interval: input.interval };
  const session = await sessions.create(
    {
      mode: "subscription",
      client_reference_id: ctx.viewer.userId,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: tier.currency.toLowerCase(),
            unit_amount: amount,
            recurring: { interval: input.interval },
            product_data: { name: tier.name },
          },
        },
      ],
      metadata,
      subscription_data: { metadata },
    },
    { idempotencyKey: input.idempotencyKey },
  );
  if (!session.url) throw new AppError(AppErrorCode.CONFLICT, "The payment page could not be opened. Try again.");
  return { url: session.url };
}

const checkoutCompleted = z.object({
  id: z.string(),
  amount_total: z.number().int().nonnegative(),
  currency: z.string(),
  subscription: z.string().nullable(),
  metadata: z.object({ userId: z.string(), tierId: z.string(), creatorId: z.string(), interval: z.enum(["month", "year"]) }),
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

/**
 * Verifies and applies one webhook delivery. A bad signature is refused (INVALID_INPUT → 400);
 * an event we do not act on is acknowledged and recorded.
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
    event = Stripe.webhooks.constructEvent(payload, signature ?? "", secret);
  } catch (error) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "The webhook signature does not match.", { cause: error });
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

async function subscriptionMembership(tx: Tx, subscriptionId: string) {
  return (
    (await tx.query.memberships.findFirst({
      where: and(eq(memberships.providerSubscriptionId, subscriptionId), eq(memberships.provider, "stripe")),
    })) ?? null
  );
}

async function applyEvent(tx: Tx, type: string, object: unknown, now: Date): Promise<boolean> {
  switch (type) {
    case "checkout.session.completed": {
      const session = checkoutCompleted.parse(object);
      const { userId, tierId, creatorId, interval } = session.metadata;
      // A membership that was live (a free one being upgraded) gives way to the paid one.
      await tx
        .update(memberships)
        .set({ status: "expired", endedAt: now, updatedAt: now })
        .where(and(eq(memberships.userId, userId), eq(memberships.creatorId, creatorId), ne(memberships.status, "expired")));
      const periodEnd = new Date(now);
      if (interval === "year") periodEnd.setUTCFullYear(periodEnd.getUTCFullYear() + 1);
      else periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1);
      const [membership] = await tx
        .insert(memberships)
        .values({
          userId,
          creatorId,
          tierId,
          price: session.amount_total,
          currency: session.currency.toUpperCase(),
          interval,
          currentPeriodEnd: periodEnd,
          provider: "stripe",
          providerSubscriptionId: session.subscription,
          startedAt: now,
          updatedAt: now,
        })
        .returning();
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
      const membership = await subscriptionMembership(tx, subscription.id);
      if (!membership) return false;
      await tx.update(memberships).set({ status: "expired", endedAt: now, updatedAt: now }).where(eq(memberships.id, membership.id));
      return true;
    }
    default:
      return false;
  }
}
