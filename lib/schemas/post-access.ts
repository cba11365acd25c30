// Who may read a post and what the others see: the editor's access settings and their procedure.
import { z } from "zod";
import { instantSchema } from "./post-lifecycle";
import { idSchema, text } from "./text";

export const accessLevelSchema = z.enum(["public", "members", "paid", "tiers", "early_access"]);
export const teaserModeSchema = z.enum(["auto", "custom", "none"]);

export const setPostAccessInput = z
  .object({
    postId: idSchema,
    access: accessLevelSchema,
    tierIds: z.array(idSchema).max(50).default([]),
    publicAt: instantSchema.nullable().default(null),
    teaserMode: teaserModeSchema,
    previewText: text().trim().max(1000, "Keep the preview under 1,000 characters.").default(""),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.access === "tiers" || value.access === "early_access") && value.tierIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["tierIds"], message: "Choose at least one tier." });
    }
    if (value.access === "early_access" && !value.publicAt) {
      ctx.addIssue({ code: "custom", path: ["publicAt"], message: "Choose when the post becomes public." });
    }
    if (value.teaserMode === "custom" && !value.previewText) {
      ctx.addIssue({ code: "custom", path: ["previewText"], message: "Write the preview, or choose another teaser." });
    }
  });

export const postAccessByIdInput = z.object({ postId: idSchema }).strict();

export const setDefaultAccessInput = z.object({ access: accessLevelSchema.exclude(["tiers", "early_access"]) }).strict();

export type AccessLevel = z.infer<typeof accessLevelSchema>;
export type SetPostAccessInput = z.input<typeof setPostAccessInput>;

/** Who the studio's "View as" pretends to be. */
export const viewAsInput = z
  .object({
    postId: idSchema,
    as: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("anonymous") }).strict(),
      z.object({ kind: z.literal("free") }).strict(),
      z.object({ kind: z.literal("tier"), tierId: idSchema }).strict(),
    ]),
  })
  .strict();
