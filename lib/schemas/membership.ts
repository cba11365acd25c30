// Joining, paying and managing a membership: inputs shared by the join forms and the procedures.
import { z } from "zod";
import { isSameSitePath } from "../same-site-path";
import { tierIdSchema } from "./tier";

/** Generated once per checkout form: a double submit carries the same key and charges once. */
export const idempotencyKeySchema = z.string().min(16, "Reload the page and try again.").max(100);

export const billingIntervalSchema = z.enum(["month", "year"]);

export const joinFreeInput = z
  .object({ tierId: tierIdSchema, attributedPostId: z.string().max(64).nullable().default(null) })
  .strict();

export const cardSchema = z
  .object({
    number: z
      .string()
      .transform((s) => s.replace(/[\s-]/g, ""))
      .pipe(z.string().regex(/^\d{12,19}$/, "Enter the card number, 12 to 19 digits.")),
    expiry: z
      .string()
      .trim()
      .regex(/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/, "Enter the expiry as MM/YY."),
    cvc: z.string().trim().regex(/^\d{3,4}$/, "Enter the 3 or 4 digit security code."),
  })
  .strict();

export const checkoutInput = z
  .object({
    tierId: tierIdSchema,
    interval: billingIntervalSchema.default("month"),
    idempotencyKey: idempotencyKeySchema,
    card: cardSchema,
    attributedPostId: z.string().max(64).nullable().default(null),
  })
  .strict();

/** A paid join through Stripe Checkout: card details are entered on Stripe's page, not ours. */
export const stripeCheckoutInput = z
  .object({
    tierId: tierIdSchema,
    interval: billingIntervalSchema.default("month"),
    idempotencyKey: idempotencyKeySchema,
    /** Where to take the new member once the membership is confirmed. */
    next: z.string().max(500).refine(isSameSitePath, "Reload the page and try again.").nullable().default(null),
    attributedPostId: z.string().max(64).nullable().default(null),
  })
  .strict();

export const membershipIdInput = z.object({ membershipId: z.string().min(1).max(64) }).strict();

export const changeTierInput = z
  .object({ membershipId: z.string().min(1).max(64), tierId: tierIdSchema, idempotencyKey: idempotencyKeySchema })
  .strict();

export const membersListInput = z
  .object({ search: z.string().trim().max(200).default(""), limit: z.number().int().min(1).max(500).default(100) })
  .strict();

export type CheckoutInput = z.input<typeof checkoutInput>;
export type StripeCheckoutInput = z.input<typeof stripeCheckoutInput>;
