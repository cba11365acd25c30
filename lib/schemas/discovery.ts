// Inputs for following creators and reading the home feed.
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
