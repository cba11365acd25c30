// Stripe's webhook endpoint: the raw body is verified against STRIPE_WEBHOOK_SECRET before
// anything is read from it. Stripe is not a signed-in viewer: no session is read.
import { anonymousContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { withRequest } from "@/server/http/request";
import { log } from "@/server/observability/log";
import { stripeSettings } from "@/server/services/memberships/payments/config";
import { handleStripeWebhook } from "@/server/services/memberships/payments/stripe";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withRequest("/api/webhooks/stripe", async (request: Request) => {
  const secret = stripeSettings()?.webhookSecret;
  if (!secret) {
    // Stripe keeps retrying; whoever runs the server must set the secret (or remove the endpoint).
    log.warn("a Stripe webhook arrived, but STRIPE_WEBHOOK_SECRET is not set: answered 503");
    return Response.json({ error: "Stripe is not configured." }, { status: 503 });
  }
  const payload = await request.text();
  try {
    const { db, now } = anonymousContext();
    const outcome = await handleStripeWebhook(db, payload, request.headers.get("stripe-signature"), secret, now);
    return Response.json(outcome);
  } catch (error) {
    return errorResponse(error);
  }
});
