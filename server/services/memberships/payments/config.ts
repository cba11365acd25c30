// Which payment path the site offers, from its environment: Stripe Checkout when both Stripe
// settings are present, else the built-in sandbox. Kept apart from the Stripe SDK so anything may ask.
import "server-only";
import { env } from "../../../env";

export type StripeSettings = {
  secretKey: string;
  webhookSecret: string;
  /** Where the Stripe API answers; only changed to point at a local stand-in (tests, stripe-mock). */
  apiBase: URL | null;
};

/**
 * The Stripe settings, or null when Stripe is not set up. Both secrets are needed: a session we
 * could create but whose webhook we could not verify would take money and start no membership.
 */
export function stripeSettings(): StripeSettings | null {
  const { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: base } = env();
  if (!secretKey || !webhookSecret) return null;
  return { secretKey, webhookSecret, apiBase: base ? new URL(base) : null };
}

export type CheckoutProvider = "stripe" | "sandbox";

/** What a paid join goes through: never Stripe unless it is configured, never the sandbox if it is. */
export function checkoutProvider(): CheckoutProvider {
  return stripeSettings() ? "stripe" : "sandbox";
}
