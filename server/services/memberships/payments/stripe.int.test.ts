// The Stripe adapter without the internet: webhook deliveries are signed here with Stripe's own
// test helper, and Checkout Sessions are created by the real SDK against a local stand-in API.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { memberships, payments } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { checkoutKey, createCreator, createPost, createTier, createUser, sandboxCard } from "../../../testing/factories";
import { readablePostIds } from "../../access/policy";
import { checkout } from "../join";
import { checkoutProvider } from "./config";
import { handleStripeWebhook, startStripeCheckout } from "./stripe";

const SECRET = "whsec_test_fixture_secret";
const NOW = new Date("2026-04-01T12:00:00Z");

/** A delivery as Stripe signs it, at `at` (the moment the handler is told it is, unless a test says otherwise). */
function signed(event: object, at: Date = NOW) {
  const payload = JSON.stringify(event);
  const timestamp = Math.floor(at.getTime() / 1000);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp }) };
}

async function setup() {
  const db = testDb();
  const creator = await createCreator(db);
  const tier = await createTier(db, { creator, name: "Supporter", monthlyPrice: 700 });
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

  it("refuses a correctly signed delivery from too long ago or too far ahead, like a replay", async () => {
    const { db, tier, fan } = await setup();
    const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
    for (const at of [minutes(-6), minutes(6), minutes(60 * 24 * 365)]) {
      const { payload, signature } = signed(completed(`r${at.getTime()}${Date.now()}`, fan, tier), at);
      expect(await caught(handleStripeWebhook(db, payload, signature, SECRET, NOW))).toMatchObject({ code: "INVALID_INPUT" });
    }
    expect(await db.select().from(memberships).where(eq(memberships.userId, fan.id))).toHaveLength(0);
    // Clocks a few minutes apart, either way, are fine.
    const skewed = signed(completed(`s${Date.now()}`, fan, tier), minutes(4));
    expect(await handleStripeWebhook(db, skewed.payload, skewed.signature, SECRET, NOW)).toMatchObject({ handled: true });
  });

  it("ends access when a subscription confirmed by two different checkout events is deleted", async () => {
    const { db, creator, tier, fan } = await setup();
    const id = `dup${Date.now()}`;
    const post = await createPost(db, { creator, access: "paid", publish: true });
    // Two deliveries Stripe counts as different events (and sessions) about one subscription.
    for (const suffix of ["first", "second"]) {
      const event = completed(`${id}_${suffix}`, fan, tier);
      event.data.object.subscription = `sub_${id}`;
      const { payload, signature } = signed(event);
      await handleStripeWebhook(db, payload, signature, SECRET, NOW);
    }
    const live = (await db.select().from(memberships).where(eq(memberships.userId, fan.id))).filter((m) => m.status !== "expired");
    expect(live).toHaveLength(1);
    expect(await readablePostIds(serviceContext({ viewer: fan, now: NOW }), [post.id])).toEqual(new Set([post.id]));

    const deleted = signed({ id: `evt_${id}_d`, object: "event", type: "customer.subscription.deleted", data: { object: { id: `sub_${id}`, object: "subscription" } } });
    await handleStripeWebhook(db, deleted.payload, deleted.signature, SECRET, NOW);
    const after = await db.select().from(memberships).where(eq(memberships.userId, fan.id));
    expect(after.filter((m) => m.status !== "expired")).toEqual([]);
    expect(await readablePostIds(serviceContext({ viewer: fan, now: NOW }), [post.id])).toEqual(new Set());

    // A third confirmation arriving after the deletion brings nothing back.
    const late = completed(`${id}_late`, fan, tier);
    late.data.object.subscription = `sub_${id}`;
    const { payload, signature } = signed(late);
    expect(await handleStripeWebhook(db, payload, signature, SECRET, NOW)).toMatchObject({ handled: false, duplicate: false });
    expect(await readablePostIds(serviceContext({ viewer: fan, now: NOW }), [post.id])).toEqual(new Set());
  });

  it("acknowledges a second event for a checkout whose membership already started, instead of failing on it", async () => {
    const { db, tier, fan } = await setup();
    const id = `m${Date.now()}`;
    const membershipId = randomUUID();
    for (const suffix of ["a", "b"]) {
      const event = completed(`${id}${suffix}`, fan, tier);
      Object.assign(event.data.object.metadata, { membershipId });
      const { payload, signature } = signed(event);
      expect(await handleStripeWebhook(db, payload, signature, SECRET, NOW)).toMatchObject({ handled: suffix === "a", duplicate: false });
    }
    expect(await db.select().from(memberships).where(eq(memberships.userId, fan.id))).toMatchObject([
      { id: membershipId, status: "active", providerSubscriptionId: `sub_${id}a` },
    ]);
    expect(await db.select().from(payments).where(eq(payments.userId, fan.id))).toHaveLength(1);
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

/** One request the stand-in Stripe API received. */
type Received = { method: string; path: string; headers: IncomingHttpHeaders; form: URLSearchParams };

/**
 * A local stand-in for Stripe's API, so the real SDK makes real HTTP requests without the
 * internet: it records each request, answers POST /v1/checkout/sessions with a session and
 * DELETE /v1/subscriptions/{id} with a cancelled subscription.
 */
async function fakeStripeApi(): Promise<{ base: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, form: new URLSearchParams(body) });
      response.setHeader("content-type", "application/json");
      if (request.method === "POST" && request.url === "/v1/checkout/sessions") {
        const id = `cs_test_${received.length}`;
        response.end(JSON.stringify({ id, object: "checkout.session", mode: "subscription", url: `https://checkout.stripe.test/c/pay/${id}` }));
      } else if (request.method === "DELETE" && request.url?.startsWith("/v1/subscriptions/sub_")) {
        const id = decodeURIComponent(request.url.slice("/v1/subscriptions/".length));
        response.end(JSON.stringify({ id, object: "subscription", status: "canceled" }));
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ error: { type: "invalid_request_error", message: "Unrecognized request URL" } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("Stripe Checkout", () => {
  let api: Awaited<ReturnType<typeof fakeStripeApi>>;
  const ORIGIN = "https://atelier.example";

  beforeAll(async () => {
    api = await fakeStripeApi();
    process.env.STRIPE_SECRET_KEY = "sk_test_local_stand_in";
    process.env.STRIPE_WEBHOOK_SECRET = SECRET;
    process.env.STRIPE_API_BASE = api.base;
  });
  afterAll(async () => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    delete process.env.STRIPE_API_BASE;
    await api.close();
  });

  async function setupWithAnnual() {
    const world = await setup();
    const tier = await createTier(world.db, { creator: world.creator, name: "Patron", monthlyPrice: 900, annualPrice: 9000 });
    return { ...world, tier };
  }

  it("sends the fan to a Checkout Session for the tier, and starts the membership once when Stripe confirms", async () => {
    const { db, creator, tier, fan } = await setupWithAnnual();
    const paidPost = await createPost(db, { creator, access: "paid", publish: true });
    const key = `checkout-${randomUUID()}`;
    const next = `/${creator.handle}/posts/${paidPost.slug}`;
    const before = api.received.length;
    const started = await startStripeCheckout(serviceContext({ viewer: fan }), { tierId: tier.id, interval: "year", idempotencyKey: key, next }, ORIGIN);

    expect(api.received.length).toBe(before + 1);
    const sent = api.received.at(-1)!;
    expect(started.url).toBe(`https://checkout.stripe.test/c/pay/cs_test_${api.received.length}`);
    expect(sent).toMatchObject({ method: "POST", path: "/v1/checkout/sessions" });
    expect(sent.headers.authorization).toBe("Bearer sk_test_local_stand_in");
    expect(sent.headers["idempotency-key"]).toBe(`checkout:${fan.id}:${key}`);
    const form = Object.fromEntries(sent.form);
    expect(form).toMatchObject({
      mode: "subscription",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][unit_amount]": "9000",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][recurring][interval]": "year",
      "line_items[0][price_data][product_data][name]": "Patron",
      "metadata[membershipId]": started.membershipId,
      "metadata[userId]": fan.id,
      "metadata[tierId]": tier.id,
      "metadata[creatorId]": creator.id,
      "metadata[interval]": "year",
      "subscription_data[metadata][membershipId]": started.membershipId,
    });
    const success = new URL(form.success_url!);
    expect(`${success.origin}${success.pathname}`).toBe(`${ORIGIN}/${creator.handle}/join/${tier.id}/confirm`);
    expect(Object.fromEntries(success.searchParams)).toEqual({ membership: started.membershipId, next });
    const cancel = new URL(form.cancel_url!);
    expect(`${cancel.origin}${cancel.pathname}`).toBe(`${ORIGIN}/${creator.handle}/join/${tier.id}`);
    expect(Object.fromEntries(cancel.searchParams)).toEqual({ checkout: "cancelled", next });

    // A double click repeats the request with the same key and the same parameters, as Stripe requires.
    const again = await startStripeCheckout(serviceContext({ viewer: fan }), { tierId: tier.id, interval: "year", idempotencyKey: key, next }, ORIGIN);
    expect(again.membershipId).toBe(started.membershipId);
    const repeated = api.received.at(-1)!;
    expect(repeated.headers["idempotency-key"]).toBe(sent.headers["idempotency-key"]);
    expect(repeated.form.toString()).toBe(sent.form.toString());

    // Nothing starts before Stripe confirms.
    expect(await db.select().from(memberships).where(eq(memberships.userId, fan.id))).toHaveLength(0);

    // Stripe confirms: the session it completed carries the metadata we sent.
    const metadata = Object.fromEntries([...sent.form].filter(([name]) => name.startsWith("metadata[")).map(([name, value]) => [name.slice(9, -1), value]));
    const event = {
      id: `evt_${randomUUID()}`,
      object: "event",
      type: "checkout.session.completed",
      data: { object: { id: "cs_test_paid", object: "checkout.session", amount_total: 9000, currency: "usd", subscription: `sub_${randomUUID()}`, metadata } },
    };
    const { payload, signature } = signed(event);
    expect(await handleStripeWebhook(db, payload, signature, SECRET, NOW)).toMatchObject({ handled: true, duplicate: false });
    expect(await handleStripeWebhook(db, payload, signature, SECRET, NOW)).toMatchObject({ handled: false, duplicate: true });

    expect(await db.select().from(memberships).where(eq(memberships.userId, fan.id))).toMatchObject([
      { id: started.membershipId, status: "active", tierId: tier.id, price: 9000, currency: "USD", interval: "year", provider: "stripe", currentPeriodEnd: new Date("2027-04-01T12:00:00Z") },
    ]);
    expect(await db.select().from(payments).where(eq(payments.userId, fan.id))).toMatchObject([
      { status: "succeeded", amount: 9000, currency: "USD", provider: "stripe", membershipId: started.membershipId },
    ]);
    expect(await readablePostIds(serviceContext({ viewer: fan, now: NOW }), [paidPost.id])).toEqual(new Set([paidPost.id]));

    // A paid member is not sent to pay again.
    const count = api.received.length;
    const twice = await caught(startStripeCheckout(serviceContext({ viewer: fan, now: NOW }), { tierId: tier.id, idempotencyKey: `checkout-${randomUUID()}` }, ORIGIN));
    expect(twice).toMatchObject({ code: "ALREADY_EXISTS", field: "tierId" });
    expect(api.received.length).toBe(count);
  });

  it("refuses joins it cannot sell before asking Stripe, and turns off the sandbox's test cards", async () => {
    const { db, creator, tier, fan } = await setupWithAnnual();
    const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
    const monthly = await createTier(db, { creator, name: "Monthly", monthlyPrice: 300 });
    const ctx = serviceContext({ viewer: fan });
    const count = api.received.length;
    const attempt = (tierId: string, interval: "month" | "year" = "month") =>
      caught(startStripeCheckout(ctx, { tierId, interval, idempotencyKey: `checkout-${randomUUID()}` }, ORIGIN));
    expect(await attempt(free.id)).toMatchObject({ code: "INVALID_INPUT", field: "tierId" });
    expect(await attempt(monthly.id, "year")).toMatchObject({ code: "INVALID_INPUT", field: "interval" });
    expect(await attempt("no-such-tier")).toMatchObject({ code: "NOT_FOUND" });
    // The return address stays on this site.
    const offSite = await caught(startStripeCheckout(ctx, { tierId: tier.id, idempotencyKey: `checkout-${randomUUID()}`, next: "//elsewhere.example" }, ORIGIN));
    expect(offSite).toBeInstanceOf(ZodError);
    expect(api.received.length).toBe(count);

    expect(checkoutProvider()).toBe("stripe");
    const testCard = await caught(checkout(ctx, { tierId: tier.id, idempotencyKey: checkoutKey(), card: sandboxCard() }));
    expect(testCard).toMatchObject({ code: "INVALID_INPUT", field: "card" });
    expect(await db.select().from(memberships).where(eq(memberships.userId, fan.id))).toHaveLength(0);
  });

  it("keeps one paid membership when two checkouts for one creator both complete, and stops billing the replaced one", async () => {
    const { db, tier, fan } = await setupWithAnnual();
    const [first, second] = [`t${Date.now()}a`, `t${Date.now()}b`];
    for (const id of [first, second]) {
      const event = signed(completed(id, fan, tier));
      await handleStripeWebhook(db, event.payload, event.signature, SECRET, NOW);
    }
    const rows = await db.select().from(memberships).where(eq(memberships.userId, fan.id));
    expect(rows.filter((m) => m.status !== "expired").map((m) => m.providerSubscriptionId)).toEqual([`sub_${second}`]);
    expect(api.received.filter((r) => r.method === "DELETE").map((r) => r.path)).toContain(`/v1/subscriptions/sub_${first}`);

    // A late renewal of the replaced subscription is recorded but brings nothing back.
    const renewal = signed({
      id: `evt_${first}_late`,
      object: "event",
      type: "invoice.paid",
      data: { object: { id: `in_${first}_late`, amount_paid: 700, currency: "usd", parent: { subscription_details: { subscription: `sub_${first}` } }, lines: { data: [{ period: { end: Math.floor(NOW.getTime() / 1000) + 86_400 * 30 } }] } } },
    });
    await handleStripeWebhook(db, renewal.payload, renewal.signature, SECRET, NOW);
    const after = await db.select().from(memberships).where(eq(memberships.userId, fan.id));
    expect(after.filter((m) => m.status !== "expired")).toHaveLength(1);
    expect(after.find((m) => m.providerSubscriptionId === `sub_${first}`)?.status).toBe("expired");
  });

  it("is not offered unless both Stripe settings are present", async () => {
    const { tier, fan } = await setup();
    const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
    try {
      delete process.env.STRIPE_WEBHOOK_SECRET;
      expect(checkoutProvider()).toBe("sandbox");
      const count = api.received.length;
      expect(await caught(startStripeCheckout(serviceContext({ viewer: fan }), { tierId: tier.id, idempotencyKey: `checkout-${randomUUID()}` }, ORIGIN))).toMatchObject({
        code: "INVALID_INPUT",
      });
      expect(api.received.length).toBe(count);
    } finally {
      process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
    }
  });
});
