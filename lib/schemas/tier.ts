// Tier inputs, shared by the studio's tier form and the procedures. Prices are integer minor units.
import { z } from "zod";
import { MAX_PRICE_MINOR } from "../money";
import { idSchema, text } from "./text";

export const tierIdSchema = idSchema;

const price = z
  .number()
  .int("Prices are whole minor units.")
  .min(0, "A price cannot be negative.")
  .max(MAX_PRICE_MINOR, "That price is too high.");

export const tierFields = z
  .object({
    name: text().trim().min(1, "Give the tier a name.").max(60, "Keep the name under 60 characters."),
    description: text().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
    benefits: z
      .array(text().trim().min(1, "Remove empty benefits.").max(140, "Keep each benefit under 140 characters."))
      .max(20, "List at most 20 benefits.")
      .default([]),
    monthlyPrice: price,
    annualPrice: price.nullable().default(null),
    memberCap: z.number().int().min(1, "A cap needs at least one place.").max(1_000_000).nullable().default(null),
    // An emptied cover field means "no cover".
    coverMediaId: text()
      .trim()
      .max(64, "Choose one of your own images as the cover.")
      .nullable()
      .default(null)
      .transform((id) => id || null),
  })
  .strict();

export const createTierInput = tierFields;

export const updateTierInput = tierFields.extend({ id: tierIdSchema }).strict();

export const tierByIdInput = z.object({ id: tierIdSchema }).strict();

export const reorderTiersInput = z.object({ ids: z.array(tierIdSchema).min(1).max(50) }).strict();

export const publicTiersInput = z.object({ handle: text().max(64) }).strict();

export type TierFields = z.infer<typeof tierFields>;
export type TierFieldsInput = z.input<typeof tierFields>;
