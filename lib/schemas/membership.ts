// Joining, paying and managing a membership: inputs shared by the join forms and the procedures.
import { z } from "zod";
import { isSameSitePath } from "../same-site-path";
import { tierIdSchema } from "./tier";
import { idSchema, text } from "./text";

/** Generated once per checkout form: a double submit carries the same key and charges once. */
export const idempotencyKeySchema = text().min(16, "Reload the page and try again.").max(100);

export const billingIntervalSchema = z.enum(["month", "year"]);

export const joinFreeInput = z
  .object({ tierId: tierIdSchema, attributedPostId: idSchema.nullable().default(null), recommendationId: idSchema.nullable().default(null) })
  .strict();

export const cardSchema = z
  .object({
    number: text()
      .transform((s) => s.replace(/[\s-]/g, ""))
      .pipe(text().regex(/^\d{12,19}$/, "Enter the card number, 12 to 19 digits.")),
    expiry: text()
      .trim()
      .regex(/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/, "Enter the expiry as MM/YY."),
    cvc: text().trim().regex(/^\d{3,4}$/, "Enter the 3 or 4 digit security code."),
  })
  .strict();

export const checkoutInput = z
  .object({
    tierId: tierIdSchema,
    interval: billingIntervalSchema.default("month"),
    idempotencyKey: idempotencyKeySchema,
    card: cardSchema,
    attributedPostId: idSchema.nullable().default(null),
    /** Another creator's recommendation the fan followed here (its link's `rec`). */
    recommendationId: idSchema.nullable().default(null),
  })
  .strict();

/** A paid join through Stripe Checkout: card details are entered on Stripe's page, not ours. */
export const stripeCheckoutInput = z
  .object({
    tierId: tierIdSchema,
    interval: billingIntervalSchema.default("month"),
    idempotencyKey: idempotencyKeySchema,
    /** Where to take the new member once the membership is confirmed. */
    next: text().max(500).refine(isSameSitePath, "Reload the page and try again.").nullable().default(null),
    attributedPostId: idSchema.nullable().default(null),
    /** Another creator's recommendation the fan followed here (its link's `rec`). */
    recommendationId: idSchema.nullable().default(null),
  })
  .strict();

export const membershipIdInput = z.object({ membershipId: idSchema }).strict();

export const changeTierInput = z
  .object({ membershipId: idSchema, tierId: tierIdSchema, idempotencyKey: idempotencyKeySchema })
  .strict();

export const membersListInput = z
  .object({ search: text().trim().max(200).default(""), limit: z.number().int().min(1).max(500).default(100) })
  .strict();

export type CheckoutInput = z.input<typeof checkoutInput>;
export type StripeCheckoutInput = z.input<typeof stripeCheckoutInput>;

/** A new card for a membership's renewals (the sandbox; with Stripe, its customer portal). */
export const updateCardInput = z.object({ membershipId: idSchema, card: cardSchema }).strict();
