// Posts, the creator's side: drafting, saving with optimistic concurrency, pending changes to
// published posts, and publishing. What readers get back lives in post-reads.ts, behind the
// access policy; revisions live in revisions.ts, settings in post-settings.ts.
import { eq } from "drizzle-orm";
import { creators, postAccess, posts } from "@/db/schema";
import type { Db } from "@/db/client";
import { emptyDocument } from "@/lib/document/validate";
import { AppError, AppErrorCode } from "@/lib/errors";
import { createPostInput, pendingChangesInput, publishPostInput, savePostInput } from "@/lib/schemas/post";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { derived } from "./derived";
import {
  checkedDocument,
  draftText,
  freeSlug,
  hasPendingChanges,
  isLive,
  lockPost,
  ownPost,
  recordAutosaveRevision,
  recordRevision,
  staleVersion,
  withSlugRetry,
  writeDraftText,
  type PostRow,
  type PostText,
} from "./store";
import { tagsOfPost } from "./tags";
import { recordFirstPublish } from "./notifications";
import { requestMemberNotifications } from "../../jobs/queues";
import { syncPostMedia } from "../media/files";

export type EditorPost = PostRow & {
  /** The text to edit: pending changes of a published post, or the draft itself. */
  draftTitle: string;
  draftDocument: PostRow["document"];
  hasPendingChanges: boolean;
  tags: string[];
};

async function editorView(db: Db, post: PostRow): Promise<EditorPost> {
  const text = draftText(post);
  return {
    ...post,
    draftTitle: text.title,
    draftDocument: text.document,
    hasPendingChanges: hasPendingChanges(post),
    tags: await tagsOfPost(db, post.id),
  };
}

/** The creator's default access for new posts; anything unrecognised starts gated, not open. */
function startingAccess(value: string): PostRow["access"] {
  const known = postAccess.enumValues.find((access) => access === value);
  return known ?? "members";
}

export async function createPost(ctx: ServiceContext, input: z.input<typeof createPostInput>) {
  const creator = await requireOwnCreator(ctx);
  const data = createPostInput.parse(input);
  const document = data.document === undefined ? emptyDocument() : checkedDocument(data.document);
  return withSlugRetry(async () => {
    const slug = await freeSlug(ctx.db, creator.id, data.title);
    const [post] = await ctx.db
      .insert(posts)
      .values({
        creatorId: creator.id,
        title: data.title,
        slug,
        document,
        access: startingAccess(creator.defaultAccess),
        ...derived(document, { teaserMode: "auto", previewText: "" }),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await syncPostMedia(ctx.db, post!.id, creator.id, document);
    return post!;
  });
}

export async function getPostForEditor(ctx: ServiceContext, id: string): Promise<EditorPost> {
  return editorView(ctx.db, await ownPost(ctx, id));
}

export type SaveResult = { id: string; version: number; slug: string; updatedAt: Date; hasPendingChanges: boolean };

/**
 * Saves only if nobody saved since `baseVersion`; otherwise CONFLICT, and the caller keeps its
 * text. The post row is locked for the check and the write, so two saves from one version
 * cannot both win. A published post's text goes to its pending changes.
 */
export async function savePost(ctx: ServiceContext, input: z.input<typeof savePostInput>): Promise<SaveResult> {
  const data = savePostInput.parse(input);
  const own = await ownPost(ctx, data.id);
  const text: PostText = { title: data.title, document: checkedDocument(data.document) };
  const authorId = ctx.viewer?.userId ?? null;
  const saved = await withSlugRetry(() =>
    ctx.db.transaction(async (tx) => {
      const post = await lockPost(tx, own.id);
      if (post.version !== data.baseVersion) throw staleVersion();
      if (data.replacesConflict) {
        // "Keep mine" after a conflict: the other side's text stays restorable from the history.
        await recordRevision(tx, { postId: post.id, version: post.version, text: draftText(post), reason: "autosave", authorId, now: ctx.now });
      }
      const row = await writeDraftText(tx, post, text, ctx.now);
      const revision = { postId: row.id, version: row.version, text, authorId, now: ctx.now };
      // Resolving a conflict is a deliberate choice, so both sides of it are kept.
      if (data.reason === "manual" || data.replacesConflict) await recordRevision(tx, { ...revision, reason: "manual" });
      else await recordAutosaveRevision(tx, { ...revision, reason: "autosave" });
      return row;
    }),
  );
  return { id: saved.id, version: saved.version, slug: saved.slug, updatedAt: saved.updatedAt, hasPendingChanges: hasPendingChanges(saved) };
}

/**
 * Makes a post's current text live: pending changes (or the draft) become the published title,
 * document and derived HTML, the post is `published`, and a revision is kept.
 *
 * Shared by publishing, Update and the scheduled publisher; it does NOT check who is asking, so
 * callers authorize first (publishPost via ownPost; a job by construction). Guards:
 * `baseVersion` (refuse with CONFLICT if the post changed since) and `fromStatuses` (publish
 * only if the post is still in one of them). Returns null when `fromStatuses` does not match,
 * so a job that runs twice publishes once. With `notifyMembers`, a first publish (never an Update
 * or a republish) records in the same transaction that members are to be emailed. Throws
 * INVALID_INPUT (field `title`) for an untitled post, NOT_FOUND for a missing or deleted one.
 */
export async function applyPublish(
  db: Db,
  post: Pick<PostRow, "id">,
  now: Date,
  authorId: string | null,
  options: { reason?: "publish" | "update"; baseVersion?: number; fromStatuses?: PostRow["status"][]; notifyMembers?: boolean } = {},
): Promise<PostRow | null> {
  return db.transaction(async (tx) => {
    const current = await lockPost(tx, post.id);
    if (current.deletedAt) return null;
    if (options.fromStatuses && !options.fromStatuses.includes(current.status)) return null;
    if (options.baseVersion !== undefined && current.version !== options.baseVersion) throw staleVersion();
    const text = draftText(current);
    if (!text.title.trim()) {
      throw new AppError(AppErrorCode.INVALID_INPUT, "Give your post a title before publishing.", { field: "title" });
    }
    const [published] = await tx
      .update(posts)
      .set({
        title: text.title,
        document: text.document,
        pendingTitle: null,
        pendingDocument: null,
        ...derived(text.document, current),
        status: "published",
        scheduledAt: null,
        publishedAt: current.publishedAt ?? now,
        version: current.version + 1,
        updatedAt: now,
      })
      .where(eq(posts.id, current.id))
      .returning();
    await syncPostMedia(tx, current.id, current.creatorId, text.document);
    await recordRevision(tx, {
      postId: current.id,
      version: published!.version,
      text,
      reason: options.reason ?? (current.status === "published" ? "update" : "publish"),
      authorId,
      now,
    });
    // `publishedAt` survives an unpublish, so only a post that was never live is new to members.
    if (options.notifyMembers && current.publishedAt === null) await recordFirstPublish(tx, published!, now);
    return published!;
  });
}

export async function publishPost(ctx: ServiceContext, input: z.input<typeof publishPostInput>): Promise<PostRow> {
  const data = publishPostInput.parse(input);
  const post = await ownPost(ctx, data.id);
  const published = await applyPublish(ctx.db, post, ctx.now, ctx.viewer?.userId ?? null, {
    reason: post.status === "published" ? "update" : "publish",
    baseVersion: data.baseVersion,
    notifyMembers: true,
  });
  if (!published) throw staleVersion();
  // The emails go out from a job, so publishing never waits on mail.
  if (post.publishedAt === null && published.notifyMembers) await requestMemberNotifications(published.id);
  return published;
}

/** Update: a published post's pending changes become the live text. */
export async function publishPendingChanges(ctx: ServiceContext, input: z.input<typeof pendingChangesInput>): Promise<EditorPost> {
  const data = pendingChangesInput.parse(input);
  const post = await ownPost(ctx, data.id);
  if (!isLive(post)) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Only a published post has changes to update. Publish it instead.");
  }
  const updated = await applyPublish(ctx.db, post, ctx.now, ctx.viewer?.userId ?? null, {
    reason: "update",
    baseVersion: data.baseVersion,
    fromStatuses: ["published"],
  });
  if (!updated) throw staleVersion();
  return editorView(ctx.db, updated);
}

/** Discard: drop a published post's pending changes; they stay restorable from the history. */
export async function discardPendingChanges(ctx: ServiceContext, input: z.input<typeof pendingChangesInput>): Promise<EditorPost> {
  const data = pendingChangesInput.parse(input);
  const own = await ownPost(ctx, data.id);
  const discarded = await ctx.db.transaction(async (tx) => {
    const post = await lockPost(tx, own.id);
    if (post.version !== data.baseVersion) throw staleVersion();
    if (!hasPendingChanges(post)) return post;
    const [row] = await tx
      .update(posts)
      .set({ pendingTitle: null, pendingDocument: null, version: post.version + 1, updatedAt: ctx.now })
      .where(eq(posts.id, post.id))
      .returning();
    await recordRevision(tx, {
      postId: post.id,
      version: post.version,
      text: draftText(post),
      reason: "manual",
      authorId: ctx.viewer?.userId ?? null,
      now: ctx.now,
    });
    return row!;
  });
  return editorView(ctx.db, discarded);
}

export type PostPreview = {
  id: string;
  title: string;
  slug: string;
  status: PostRow["status"];
  access: PostRow["access"];
  hasPendingChanges: boolean;
  publishedAt: Date | null;
  wordCount: number;
  /** The current (pending, for a published post) text as the public page will render it. */
  html: string;
  /** What viewers without access would see of that text. */
  teaserHtml: string;
  creator: { handle: string; displayName: string };
};

/** The creator's current text rendered exactly as the public page renders published text. */
export async function previewPost(ctx: ServiceContext, id: string): Promise<PostPreview> {
  const post = await ownPost(ctx, id);
  const creator = await ctx.db.query.creators.findFirst({ where: eq(creators.id, post.creatorId) });
  const text = draftText(post);
  // Rendered now rather than read from the stored columns, so it is what Publish would produce.
  const view = derived(text.document, post);
  return {
    id: post.id,
    title: text.title,
    slug: post.slug,
    status: post.status,
    access: post.access,
    hasPendingChanges: hasPendingChanges(post),
    publishedAt: post.publishedAt,
    wordCount: view.wordCount,
    html: view.html,
    teaserHtml: view.teaserHtml,
    creator: { handle: creator!.handle, displayName: creator!.displayName },
  };
}
