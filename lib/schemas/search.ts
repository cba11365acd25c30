// The search box: a query of plain words.
import { z } from "zod";
import { text } from "./text";

export const searchPostsInput = z
  .object({ q: text().max(200, "Keep the search under 200 characters."), limit: z.number().int().min(1).max(50).default(20) })
  .strict();
