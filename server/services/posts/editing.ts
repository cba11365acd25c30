// Posts, the creator's side: drafting, saving with optimistic concurrency, pending changes to
// published posts, and the editor's Publish and Update (both through publish.ts, the one path).
// What readers get back lives in reads.ts, behind the access policy; revisions live in
// revisions.ts, settings in settings.ts.
import "server-only";
import { eq } from "drizzle-orm";
import { creators, postAccess, posts } from "@/db/schema";
import type { Db } from "@/db/client";
import { emptyDocument } from "@/lib/document/validate";
import { AppError, AppErrorCode } from "@/lib/errors";
import { createPostInput, pendingChangesInput, publishPostInput, savePostInput } from "@/lib/schemas/post";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { syncPostMedia } from "../media/files";
import { derived } from "./derived";
import { postErrors } from "./errors";
import { recipientsOf } from "./notifications";
import { applyPublish } from "./publish";
import { freeSlug, withSlugRetry } from "./slugs";
import {
  checkedDocument,
  draftText,
  hasPendingChanges,
  isLive,
  ownPost,
  recordAutosaveRevision,
  recordRevision,
  writeDraftText,
  type PostRow,
  type PostText,
} from "./store";
import { tagsOfPost } from "./tags";
import { recordSaveConflict } from "../../observability/metrics";

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
        commentAccess: creator.defaultCommentAccess,
        // Its words are stemmed in the language the creator writes in (Settings).
        language: creator.language,
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
  const text: PostText = { title: data.title, document: checkedDocument(data.document) };
  const authorId = ctx.viewer?.userId ?? null;
  const saved = await withSlugRetry(() =>
    ctx.db.transaction(async (tx) => {
      const post = await ownPost(ctx, data.id, { lockIn: tx });
      if (post.version !== data.baseVersion) {
        recordSaveConflict(data.reason);
        throw postErrors.changedElsewhere();
      }
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

export async function publishPost(ctx: ServiceContext, input: z.input<typeof publishPostInput>): Promise<PostRow> {
  const data = publishPostInput.parse(input);
  const post = await ownPost(ctx, data.id);
  const published = await applyPublish(ctx.db, post, ctx.now, ctx.viewer?.userId ?? null, { baseVersion: data.baseVersion });
  // Deleted between the two reads: what the editor shows is no longer there to publish.
  if (!published) throw postErrors.changedElsewhere();
  return published;
}

export type PublishReport = Pick<PostRow, "id" | "version" | "updatedAt" | "slug" | "status" | "publishedAt"> & {
  /** How many members this publish emails; null when it emails no one (not a first publish, or emails off). */
  emailing: number | null;
};

/**
 * The editor's Publish: publishes, and says how many members are being emailed, counted from the
 * same list the email job sends to. Only a first publish with emails on sends any (notifications.ts).
 */
export async function publishPostAndReport(ctx: ServiceContext, input: z.input<typeof publishPostInput>): Promise<PublishReport> {
  const data = publishPostInput.parse(input);
  const before = await ownPost(ctx, data.id);
  const published = await publishPost(ctx, data);
  const { id, version, updatedAt, slug, status, publishedAt } = published;
  const emails = before.publishedAt === null && published.notifyMembers;
  const emailing = emails ? (await recipientsOf(ctx.db, published.creatorId, ctx.now)).length : null;
  return { id, version, updatedAt, slug, status, publishedAt, emailing };
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
  if (!updated) throw postErrors.changedElsewhere();
  return editorView(ctx.db, updated);
}

/** Discard: drop a published post's pending changes; they stay restorable from the history. */
export async function discardPendingChanges(ctx: ServiceContext, input: z.input<typeof pendingChangesInput>): Promise<EditorPost> {
  const data = pendingChangesInput.parse(input);
  const discarded = await ctx.db.transaction(async (tx) => {
    const post = await ownPost(ctx, data.id, { lockIn: tx });
    if (post.version !== data.baseVersion) throw postErrors.changedElsewhere();
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
