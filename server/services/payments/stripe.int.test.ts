// The Stripe adapter without the network: webhook deliveries are signed here with Stripe's own
// test helper, and Checkout Session creation is checked against a recorder of what would be sent.
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { memberships, payments } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, createPost, createUser } from "../../testing/factories";
import { readablePostIds } from "../access";
import { createTier, publishTier } from "../tiers";
import { createCheckoutSession, handleStripeWebhook, type CheckoutSessionsApi } from "./stripe";

const SECRET = "whsec_test_fixture_secret";
const NOW = new Date("2026-04-01T12:00:00Z");

function signed(event: object) {
  const payload = JSON.stringify(event);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) };
}

async function setup() {
  const db = testDb();
  const creator = await createCreator(db);
  const own = { ...serviceContext({ viewer: creator.user }), creator };
  const tier = await publishTier(own, (await createTier(own, { name: "Supporter", monthlyPrice: 700 })).id);
  const fan = await createUser(db);
  return { db, creator, tier, fan };
}

function completed(id: string, fan: { id: string }, tier: { id: string; creatorId: string }) {
  return {
    id: `evt_${id}`,
    object: "event",
    type: "checkout.session.completed",
    data: {
      object: {
        id: `cs_${id}`,
        object: "checkout.session",
        amount_total: 700,
        currency: "usd",
        subscription: `sub_${id}`,
        metadata: { userId: fan.id, tierId: tier.id, creatorId: tier.creatorId, interval: "month" },
      },
    },
  };
}

describe("Stripe webhooks", () => {
  it("starts a membership from a completed checkout, once, however often the event is delivered", async () => {
    const { db, tier, fan } = await setup();
    const { payload, signature } = signed(completed(`a${Date.now()}`, fan, tier));
    const first = await handleStripeWebhook(db, payload, signature, SECRET, NOW);
    const again = await handleStripeWebhook(db, payload, signature, SECRET, NOW);
    expect(first).toMatchObject({ handled: true, duplicate: false });
    expect(again).toMatchObject({ handled: false, duplicate: true });
    expect(await db.select().from(memberships).where(eq(memberships.userId, fan.id))).toMatchObject([
      { status: "active", price: 700, provider: "stripe", tierId: tier.id },
    ]);
    expect(await db.select().from(payments).where(eq(payments.userId, fan.id))).toMatchObject([{ status: "succeeded", amount: 700 }]);
  });

  it("refuses a delivery whose signature does not match, and changes nothing", async () => {
    const { db, tier, fan } = await setup();
    const { payload } = signed(completed(`b${Date.now()}`, fan, tier));
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" });
    expect(await caught(handleStripeWebhook(db, payload, forged, SECRET, NOW))).toMatchObject({ code: "INVALID_INPUT" });
    expect(await caught(handleStripeWebhook(db, payload, null, SECRET, NOW))).toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.select().from(memberships).where(eq(memberships.userId, fan.id))).toHaveLength(0);
  });

  it("marks a failed renewal past due, extends a paid one, and ends access when the subscription is deleted", async () => {
    const { db, creator, tier, fan } = await setup();
    const id = `c${Date.now()}`;
    const start = signed(completed(id, fan, tier));
    await handleStripeWebhook(db, start.payload, start.signature, SECRET, NOW);
    const invoice = (type: string, suffix: string, end: number) =>
      signed({
        id: `evt_${id}_${suffix}`,
        object: "event",
        type,
        data: { object: { id: `in_${id}_${suffix}`, amount_paid: type === "invoice.paid" ? 700 : 0, currency: "usd", parent: { subscription_details: { subscription: `sub_${id}` } }, lines: { data: [{ period: { end } }] } } },
      });
    const failed = invoice("invoice.payment_failed", "f", 0);
    await handleStripeWebhook(db, failed.payload, failed.signature, SECRET, NOW);
    expect((await db.select().from(memberships).where(eq(memberships.userId, fan.id)))[0]?.status).toBe("past_due");
    const periodEnd = Math.floor(new Date("2026-06-01T12:00:00Z").getTime() / 1000);
    const paid = invoice("invoice.paid", "p", periodEnd);
    await handleStripeWebhook(db, paid.payload, paid.signature, SECRET, NOW);
    expect((await db.select().from(memberships).where(eq(memberships.userId, fan.id)))[0]).toMatchObject({
      status: "active",
      currentPeriodEnd: new Date(periodEnd * 1000),
    });

    const post = await createPost(db, { creator, access: "paid", publish: true });
    expect(await readablePostIds(serviceContext({ viewer: fan, now: NOW }), [post.id])).toEqual(new Set([post.id]));
    const deleted = signed({ id: `evt_${id}_d`, object: "event", type: "customer.subscription.deleted", data: { object: { id: `sub_${id}`, object: "subscription" } } });
    await handleStripeWebhook(db, deleted.payload, deleted.signature, SECRET, NOW);
    expect(await readablePostIds(serviceContext({ viewer: fan, now: NOW }), [post.id])).toEqual(new Set());
  });
});

describe("Stripe Checkout", () => {
  it("asks Stripe for a subscription session at the tier's price, once per key", async () => {
    const { tier, fan } = await setup();
    const sent: unknown[] = [];
    const sessions = {
      create: async (params: unknown, options: unknown) => {
        sent.push({ params, options });
        return { url: "https://checkout.stripe.test/session" };
      },
    } as unknown as CheckoutSessionsApi;
    const result = await createCheckoutSession(
      serviceContext({ viewer: fan }),
      { tierId: tier.id, interval: "month", successUrl: "https://a.test/ok", cancelUrl: "https://a.test/no", idempotencyKey: "key-123" },
      sessions,
    );
    expect(result.url).toBe("https://checkout.stripe.test/session");
    expect(sent).toMatchObject([
      {
        params: {
          mode: "subscription",
          line_items: [{ price_data: { currency: "usd", unit_amount: 700, recurring: { interval: "month" } } }],
          metadata: { userId: fan.id, tierId: tier.id },
        },
        options: { idempotencyKey: "key-123" },
      },
    ]);
  });
});
