// Post inputs shared by the editor and the procedures. The document itself is checked by
// validateDocument (lib/document), which gives creators a precise reason when it refuses.
import { z } from "zod";
import { commentAccessSchema } from "./community";
import { idSchema, text } from "./text";

export const postIdSchema = idSchema;

export const postTitleSchema = text().max(200, "Keep the title under 200 characters.");

const versionSchema = z.number().int().positive();

export const createPostInput = z
  .object({ title: postTitleSchema.default(""), document: z.unknown().optional() })
  .strict();

export const savePostInput = z
  .object({
    id: postIdSchema,
    baseVersion: versionSchema,
    title: postTitleSchema,
    document: z.unknown(),
    /** `manual` (Ctrl/Cmd+S, the Save button) always keeps a revision; autosaves only now and then. */
    reason: z.enum(["autosave", "manual"]).default("autosave"),
    /**
     * Set by "Keep mine" after a conflict: the text this save replaces is kept as a revision
     * first, so choosing one side never destroys the other.
     */
    replacesConflict: z.boolean().default(false),
  })
  .strict();

export const publishPostInput = z.object({ id: postIdSchema, baseVersion: versionSchema }).strict();

/** Update (make pending changes live) and Discard (drop them) name the version they saw. */
export const pendingChangesInput = publishPostInput;

export const postByIdInput = z.object({ id: postIdSchema }).strict();

export const revisionsInput = z
  .object({ id: postIdSchema, limit: z.number().int().min(1).max(500).default(100) })
  .strict();

export const revisionInput = z.object({ id: postIdSchema, revisionId: idSchema }).strict();

export const restoreRevisionInput = z
  .object({ id: postIdSchema, revisionId: idSchema, baseVersion: versionSchema })
  .strict();

export const MAX_TAGS_PER_POST = 50;

export const tagNameSchema = text()
  .trim()
  .min(1, "A tag needs a name.")
  .max(40, "Keep each tag under 40 characters.");

export const postSettingsInput = z
  .object({
    id: postIdSchema,
    /** Empty means "follow the title again" (only before the first publish). */
    slug: text().trim().max(80, "Keep the address under 80 characters.").optional(),
    teaserMode: z.enum(["auto", "custom", "none"]).optional(),
    previewText: text().max(1000, "Keep the preview text under 1,000 characters.").optional(),
    coverMediaId: idSchema.nullable().optional(),
    commentAccess: commentAccessSchema.optional(),
    notifyMembers: z.boolean().optional(),
    tags: z.array(tagNameSchema).max(MAX_TAGS_PER_POST, `A post can have at most ${MAX_TAGS_PER_POST} tags.`).optional(),
  })
  .strict();

export type SavePostInput = z.infer<typeof savePostInput>;
export type PostSettingsInput = z.input<typeof postSettingsInput>;

export const postBySlugInput = z.object({ handle: text().max(64), slug: text().max(200) }).strict();

export const postsByCreatorInput = z
  .object({ creatorId: text().max(64), limit: z.number().int().min(1).max(50).default(20) })
  .strict();

/** JSON with sorted keys: jsonb does not keep key order, so plain stringify cannot compare documents. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether two versions of a post's text are the same, for the editor (is this local copy worth
 * offering back?) and the services (are these pending changes just the live text?).
 */
export function samePostText(a: { title: string; document: unknown }, b: { title: string; document: unknown }): boolean {
  return a.title === b.title && canonicalJson(a.document) === canonicalJson(b.document);
}
