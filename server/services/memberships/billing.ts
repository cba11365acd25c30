// What a member sees of their money: every charge for each membership (billing history), and the
// card their renewals are charged to, which they can replace: in the sandbox here, with Stripe
// on Stripe's own customer portal (card details never reach us).
import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { memberships, payments } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { membershipIdInput, updateCardInput } from "@/lib/schemas/membership";
import { requireViewer, type ServiceContext } from "../context";
import { ownMembership } from "./change";
import { callStripe, stripeClient } from "./payments/stripe";
import { sandboxProvider } from "./payments/sandbox";

export type BillingEntry = { id: string; at: Date; amountLabel: string; status: "succeeded" | "failed"; reason: string | null };

/** The viewer's charges for each of their memberships, newest first (at most 24 each). */
export async function billingHistory(ctx: ServiceContext, membershipIds: readonly string[]): Promise<Map<string, BillingEntry[]>> {
  requireViewer(ctx);
  const history = new Map<string, BillingEntry[]>();
  if (membershipIds.length === 0) return history;
  const rows = await ctx.db
    .select({
      id: payments.id,
      membershipId: payments.membershipId,
      at: payments.createdAt,
      amount: payments.amount,
      currency: payments.currency,
      status: payments.status,
      reason: payments.failureMessage,
    })
    .from(payments)
    .where(and(eq(payments.userId, ctx.viewer.userId), inArray(payments.membershipId, [...membershipIds])))
    .orderBy(desc(payments.createdAt));
  for (const row of rows) {
    const list = history.get(row.membershipId!) ?? [];
    if (list.length >= 24) continue;
    list.push({
      id: row.id,
      at: row.at,
      amountLabel: formatMoney(row.amount, row.currency),
      status: row.status === "succeeded" ? "succeeded" : "failed",
      reason: row.status === "succeeded" ? null : row.reason,
    });
    history.set(row.membershipId!, list);
  }
  return history;
}

/** The billing history of each of the viewer's memberships, keyed by membership. */
export async function myBillingHistory(ctx: ServiceContext): Promise<Record<string, BillingEntry[]>> {
  requireViewer(ctx);
  const mine = await ctx.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, ctx.viewer.userId));
  return Object.fromEntries(await billingHistory(ctx, mine.map((row) => row.id)));
}

/** Replaces the card a sandbox membership renews with; a card the sandbox refuses is said so next to it. */
export async function updateCard(ctx: ServiceContext, input: z.input<typeof updateCardInput>): Promise<{ updated: true }> {
  const data = updateCardInput.parse(input);
  const membership = await ownMembership(ctx, data.membershipId);
  if (membership.price === 0) throw new AppError(AppErrorCode.INVALID_INPUT, "A free membership has no card.", { field: "card" });
  if (membership.provider !== "sandbox") {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This membership's card is managed on Stripe: use “Manage payment on Stripe”.", { field: "card" });
  }
  const method = sandboxProvider.createPaymentMethod(data.card, ctx.now);
  if (!method.ok) throw new AppError(AppErrorCode.INVALID_INPUT, method.message, { field: "card" });
  await ctx.db.update(memberships).set({ providerSubscriptionId: method.paymentMethod, updatedAt: ctx.now }).where(eq(memberships.id, membership.id));
  return { updated: true };
}

/** A Stripe customer portal session for a Stripe membership: where the fan updates their card. */
export async function stripePortal(ctx: ServiceContext, input: z.input<typeof membershipIdInput>, returnUrl: string): Promise<{ url: string }> {
  const { membershipId } = membershipIdInput.parse(input);
  const membership = await ownMembership(ctx, membershipId);
  const stripe = stripeClient();
  if (membership.provider !== "stripe" || !membership.providerSubscriptionId || !stripe) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This membership is not billed through Stripe.");
  }
  const subscription = await callStripe("subscriptions.retrieve", () => stripe.subscriptions.retrieve(membership.providerSubscriptionId!));
  const customer = typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id;
  const session = await callStripe("billingPortal.sessions.create", () => stripe.billingPortal.sessions.create({ customer, return_url: returnUrl }));
  return { url: session.url };
}
