// Inputs for comments and likes.
import { z } from "zod";
import { idSchema, text } from "./text";

export const COMMENT_MAX_CHARS = 5000;

/** Who may comment, among those who may read the whole post (db/schema: comment_access). */
export const COMMENT_ACCESS = ["readers", "paid", "off"] as const;
export type CommentAccess = (typeof COMMENT_ACCESS)[number];
export const commentAccessSchema = z.enum(COMMENT_ACCESS);
export const setDefaultCommentAccessInput = z.object({ commentAccess: commentAccessSchema }).strict();

export const commentBodySchema = text()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, "Write something before you post.")
      .max(COMMENT_MAX_CHARS, `Keep a comment under ${COMMENT_MAX_CHARS.toLocaleString("en")} characters.`),
  );

export const COMMENT_SORTS = ["newest", "oldest", "top"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

export const commentsInput = z
  .object({
    postId: idSchema,
    sort: z.enum(COMMENT_SORTS).default("newest"),
    cursor: text().max(400).nullish(),
    limit: z.number().int().min(1).max(50).default(20),
    /** Sent by tRPC's infinite queries with every page; only forward paging exists here. */
    direction: z.enum(["forward", "backward"]).optional(),
  })
  .strict();

export const addCommentInput = z.object({ postId: idSchema, parentId: idSchema.nullish(), body: commentBodySchema }).strict();
export const editCommentInput = z.object({ commentId: idSchema, body: commentBodySchema }).strict();
export const commentIdInput = z.object({ commentId: idSchema }).strict();
export const pinCommentInput = z.object({ commentId: idSchema, pinned: z.boolean() }).strict();
export const likeCommentInput = commentIdInput.extend({ liked: z.boolean() }).strict();
export const likePostInput = z.object({ postId: idSchema, liked: z.boolean() }).strict();
