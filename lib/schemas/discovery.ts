// Inputs for following creators, reading the home feed and explore, and a fan's listing choices.
import { z } from "zod";
import { idSchema, text } from "./text";

export const followInput = z.object({ creatorId: idSchema }).strict();

/** Whom of these creators the viewer follows (the cards of one page: explore, search). */
export const followStatesInput = z.object({ creatorIds: z.array(idSchema).max(100) }).strict();

/** A page of a list read newest first: after the row its cursor names, or the newest. */
export const pageInput = z
  .object({
    cursor: text().max(400).nullish(),
    limit: z.number().int().min(1).max(50).default(20),
    /** Sent by tRPC's infinite queries with every page; only forward paging exists here. */
    direction: z.enum(["forward", "backward"]).optional(),
  })
  .strict();

/** A category's page of explore: its slug as the address has it (an unknown one is a missing page). */
export const exploreCategoryInput = z.object({ category: text().max(40), cursor: text().max(400).nullish() }).strict();

/** A signed-in fan's choice to see pages for adults in explore and search. */
export const adultPagesInput = z.object({ show: z.boolean() }).strict();

/** The most creators one creator recommends: a short list people read, not a directory. */
export const MAX_RECOMMENDATIONS = 12;
export const RECOMMENDATION_REASON_MAX = 140;

const reasonSchema = text()
  .trim()
  .max(RECOMMENDATION_REASON_MAX, `Keep the reason to ${RECOMMENDATION_REASON_MAX} characters.`)
  .refine((reason) => !/[\r\n]/.test(reason), "The reason is one line.");

export const addRecommendationInput = z
  .object({
    /** The creator recommended, by handle (with or without @). */
    handle: text().trim().min(1, "Name the creator you recommend by their handle.").max(64),
    reason: reasonSchema.default(""),
  })
  .strict();

export const updateRecommendationInput = z.object({ id: idSchema, reason: reasonSchema }).strict();

export const removeRecommendationInput = z.object({ id: idSchema }).strict();

export const reorderRecommendationsInput = z.object({ ids: z.array(idSchema).max(MAX_RECOMMENDATIONS) }).strict();
