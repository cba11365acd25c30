// Inputs of the creator's media library: the page of their own images a picker shows.
import { z } from "zod";
import { text } from "./text";

export const MEDIA_IMAGES_PAGE_SIZE = 24;

export const mediaImagesInput = z
  .object({
    cursor: text().max(200).nullish(),
    limit: z.number().int().min(1).max(60).default(MEDIA_IMAGES_PAGE_SIZE),
    /** Sent by tRPC's infinite queries with every page; only forward paging exists here. */
    direction: z.enum(["forward", "backward"]).optional(),
  })
  .strict();
export type MediaImagesInput = z.input<typeof mediaImagesInput>;
