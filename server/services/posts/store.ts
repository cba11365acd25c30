// The write primitives under editing, publishing, settings and revisions: the post row type,
// finding (and locking) the creator's own post, where its editable text lives (draft or pending
// changes), writing that text under the version check, and keeping revisions.
import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { postRevisions, posts, type revisionReason } from "@/db/schema";
import type { Db } from "@/db/client";
import { validateDocument, type PostDocument } from "@/lib/document/validate";
import { AppError, AppErrorCode } from "@/lib/errors";
import { samePostText } from "@/lib/schemas/post";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { syncPostMedia } from "../media/files";
import { derived } from "./derived";
import { postErrors } from "./errors";
import { freeSlug, keepOldSlug, slugFollowsTitle } from "./slugs";

export type PostRow = typeof posts.$inferSelect;
export type PostStatus = PostRow["status"];
export type RevisionReason = (typeof revisionReason.enumValues)[number];
export type PostText = { title: string; document: PostDocument };

/** Autosaves leave a revision at most this often per post; explicit saves always do. */
export const AUTOSAVE_REVISION_INTERVAL_MS = 10 * 60_000;

export function checkedDocument(input: unknown): PostDocument {
  const result = validateDocument(input);
  if (!result.ok) throw new AppError(AppErrorCode.INVALID_INPUT, result.message, { field: "document" });
  return result.doc;
}

/** A published post's edits wait as pending changes; every other post is edited in place. */
export function isLive(post: Pick<PostRow, "status">): boolean {
  return post.status === "published";
}

/** The text the editor works on: pending changes if there are any, else the post itself. */
export function draftText(post: PostRow): PostText {
  return { title: post.pendingTitle ?? post.title, document: post.pendingDocument ?? post.document };
}

export function hasPendingChanges(post: PostRow): boolean {
  return post.pendingTitle !== null || post.pendingDocument !== null;
}

type OwnPostOptions = {
  /** Read with a row lock in this transaction, so checks and writes after it see one state. */
  lockIn?: Db;
  /** Look in the trash instead of among the live posts. */
  trashed?: boolean;
};

function ownPostsWhere(creatorId: string, trashed: boolean | undefined) {
  return and(eq(posts.creatorId, creatorId), trashed ? isNotNull(posts.deletedAt) : isNull(posts.deletedAt));
}

/** The creator's own post; someone else's, a missing or a deleted one is reported as missing. */
export async function ownPost(ctx: ServiceContext, id: string, options: OwnPostOptions = {}): Promise<PostRow> {
  const creator = await requireOwnCreator(ctx);
  const query = (options.lockIn ?? ctx.db).select().from(posts).where(and(eq(posts.id, id), ownPostsWhere(creator.id, options.trashed)));
  const [post] = options.lockIn ? await query.for("update") : await query;
  if (!post) throw postErrors.notFound();
  return post;
}

/** Several of the creator's own live posts at once (a selection), all of them or an error. */
export async function ownPosts(ctx: ServiceContext, ids: readonly string[], options: Pick<OwnPostOptions, "lockIn"> = {}): Promise<PostRow[]> {
  const creator = await requireOwnCreator(ctx);
  const unique = [...new Set(ids)];
  const query = (options.lockIn ?? ctx.db).select().from(posts).where(and(inArray(posts.id, unique), ownPostsWhere(creator.id, false)));
  const found = options.lockIn ? await query.for("update") : await query;
  if (found.length !== unique.length) throw postErrors.selectionGone();
  return found;
}

/**
 * Any post by id with a row lock, whoever owns it: for the publish path, whose callers have
 * authorized already (the editor through ownPost, the scheduler by construction).
 */
export async function lockPost(tx: Db, id: string): Promise<PostRow> {
  const [post] = await tx.select().from(posts).where(eq(posts.id, id)).for("update");
  if (!post) throw postErrors.notFound();
  return post;
}

/**
 * Writes the editor's text and bumps the version: into pending changes for a live post (the
 * public page keeps showing the published text), in place otherwise, where the slug follows a
 * new title until the first publish. `post` must be locked.
 */
export async function writeDraftText(tx: Db, post: PostRow, text: PostText, now: Date): Promise<PostRow> {
  const common = { version: post.version + 1, updatedAt: now };
  let values: Partial<PostRow>;
  if (isLive(post)) {
    // Edited back to exactly the live text: nothing is pending any more.
    const backToLive = samePostText(text, { title: post.title, document: post.document });
    values = backToLive
      ? { pendingTitle: null, pendingDocument: null, ...common }
      : { pendingTitle: text.title, pendingDocument: text.document, ...common };
  } else {
    const slug = slugFollowsTitle(post) ? await freeSlug(tx, post.creatorId, text.title, post.id) : post.slug;
    await keepOldSlug(tx, post, slug, now);
    // Pending changes left from before an unpublish were what the editor showed, so they are in `text`.
    values = { title: text.title, document: text.document, pendingTitle: null, pendingDocument: null, slug, ...derived(text.document, post), ...common };
  }
  const [saved] = await tx.update(posts).set(values).where(eq(posts.id, post.id)).returning();
  // Only the live text decides which files readers may fetch, never pending changes.
  if (values.document) await syncPostMedia(tx, post.id, post.creatorId, values.document);
  return saved!;
}

export async function recordRevision(
  db: Db,
  input: { postId: string; version: number; text: PostText; reason: RevisionReason; authorId: string | null; now: Date },
): Promise<void> {
  await db.insert(postRevisions).values({
    postId: input.postId,
    version: input.version,
    title: input.text.title,
    document: input.text.document,
    reason: input.reason,
    authorId: input.authorId,
    createdAt: input.now,
  });
}

/** An autosave keeps a revision only when the post has none (of any kind) from the last ten minutes. */
export async function recordAutosaveRevision(db: Db, input: Parameters<typeof recordRevision>[1]): Promise<boolean> {
  const [latest] = await db
    .select({ createdAt: postRevisions.createdAt })
    .from(postRevisions)
    .where(eq(postRevisions.postId, input.postId))
    .orderBy(desc(postRevisions.createdAt))
    .limit(1);
  if (latest && input.now.getTime() - latest.createdAt.getTime() < AUTOSAVE_REVISION_INTERVAL_MS) return false;
  await recordRevision(db, input);
  return true;
}
