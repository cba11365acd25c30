// Post inputs shared by the editor and the procedures. The document itself is checked by
// validateDocument (lib/document), which gives creators a precise reason when it refuses.
import { z } from "zod";

export const postIdSchema = z.string().min(1).max(64);

export const postTitleSchema = z.string().max(200, "Keep the title under 200 characters.");

export const createPostInput = z
  .object({ title: postTitleSchema.default(""), document: z.unknown().optional() })
  .strict();

export const savePostInput = z
  .object({
    id: postIdSchema,
    baseVersion: z.number().int().positive(),
    title: postTitleSchema,
    document: z.unknown(),
  })
  .strict();

export const publishPostInput = z.object({ id: postIdSchema, baseVersion: z.number().int().positive() }).strict();

export const postByIdInput = z.object({ id: postIdSchema }).strict();

export type SavePostInput = z.infer<typeof savePostInput>;

export const postBySlugInput = z.object({ handle: z.string().max(64), slug: z.string().max(200) }).strict();

export const postsByCreatorInput = z
  .object({ creatorId: z.string().max(64), limit: z.number().int().min(1).max(50).default(20) })
  .strict();
