// The write primitives under posts.ts and revisions.ts: finding and locking the creator's own
// post, where its editable text lives (draft or pending changes), writing that text under the
// version check, and keeping revisions.
import { and, desc, eq, like, or } from "drizzle-orm";
import { postRevisions, postSlugs, posts, type revisionReason } from "@/db/schema";
import type { Db } from "@/db/client";
import { validateDocument, type PostDocument } from "@/lib/document/validate";
import { AppError, AppErrorCode } from "@/lib/errors";
import { samePostText } from "@/lib/schemas/post";
import { slugify, uniqueSlug } from "@/lib/slug";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { derived } from "./derived";
import { syncPostMedia } from "../media/files";

export type PostRow = typeof posts.$inferSelect;
export type RevisionReason = (typeof revisionReason.enumValues)[number];
export type PostText = { title: string; document: PostDocument };

/** Autosaves leave a revision at most this often per post; explicit saves always do. */
export const AUTOSAVE_REVISION_INTERVAL_MS = 10 * 60_000;

export function notFound(): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, "This post does not exist or was deleted.");
}

export function staleVersion(): AppError {
  return new AppError(
    AppErrorCode.CONFLICT,
    "This post was changed somewhere else since you opened it. Your text is kept here; choose which version to keep.",
  );
}

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

/** The creator's own post; someone else's is reported as missing, not forbidden. */
export async function ownPost(ctx: ServiceContext, id: string): Promise<PostRow> {
  const creator = await requireOwnCreator(ctx);
  const post = await ctx.db.query.posts.findFirst({
    where: and(eq(posts.id, id), eq(posts.creatorId, creator.id)),
  });
  if (!post || post.deletedAt) throw notFound();
  return post;
}

/** Re-reads `id` with a row lock inside a transaction, so checks and writes see one state. */
export async function lockPost(tx: Db, id: string): Promise<PostRow> {
  const [post] = await tx.select().from(posts).where(eq(posts.id, id)).for("update");
  if (!post) throw notFound();
  return post;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === "23505" || e.cause?.code === "23505";
}

/** Slug races are rare (two saves of one creator at once); one retry settles them. */
export async function withSlugRetry<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run();
  }
}

/** Slugs `base` or `base-N` already used by this creator's other posts or their old addresses. */
export async function takenSlugs(db: Db, creatorId: string, base: string, exceptPostId?: string): Promise<Set<string>> {
  const near = (column: typeof posts.slug | typeof postSlugs.slug) => or(eq(column, base), like(column, `${base}-%`));
  const [current, old] = await Promise.all([
    db
      .select({ slug: posts.slug, id: posts.id })
      .from(posts)
      .where(and(eq(posts.creatorId, creatorId), near(posts.slug))),
    db
      .select({ slug: postSlugs.slug, id: postSlugs.postId })
      .from(postSlugs)
      .where(and(eq(postSlugs.creatorId, creatorId), near(postSlugs.slug))),
  ]);
  return new Set([...current, ...old].filter((r) => r.id !== exceptPostId).map((r) => r.slug));
}

export async function freeSlug(db: Db, creatorId: string, title: string, exceptPostId?: string): Promise<string> {
  const base = slugify(title);
  return uniqueSlug(base, await takenSlugs(db, creatorId, base, exceptPostId));
}

/**
 * Until the first publish the slug follows the title, unless the creator chose one in the
 * settings: a slug that is the title's own (or a numbered twin of it) is still following.
 */
function slugFollowsTitle(post: PostRow): boolean {
  if (post.publishedAt) return false;
  const base = slugify(post.title);
  return post.slug === base || new RegExp(`^${base}-\\d+$`).test(post.slug);
}

/**
 * Writes the editor's text and bumps the version: into pending changes for a live post (the
 * public page keeps showing the published text), in place otherwise. `post` must be locked.
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
