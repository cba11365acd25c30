// Posts: drafting, saving with optimistic concurrency, publishing, and reading them back.
import { and, desc, eq, like, or, sql } from "drizzle-orm";
import { creators, posts } from "@/db/schema";
import type { Db } from "@/db/client";
import { emptyDocument, validateDocument, type PostDocument } from "@/lib/document/validate";
import { renderDocumentHtml } from "@/lib/document/render";
import { countWords, excerpt } from "@/lib/document/text";
import { AppError, AppErrorCode } from "@/lib/errors";
import { slugify, uniqueSlug } from "@/lib/slug";
import { createPostInput, publishPostInput, savePostInput } from "@/lib/schemas/post";
import type { z } from "zod";
import { decidePostVisibility, type AccessViewer } from "./access";
import { getOwnCreator, requireOwnCreator } from "./creators";
import type { ServiceContext } from "./context";

type PostRow = typeof posts.$inferSelect;

function notFound(): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, "This post does not exist or was deleted.");
}

function checkedDocument(input: unknown): PostDocument {
  const result = validateDocument(input);
  if (!result.ok) throw new AppError(AppErrorCode.INVALID_INPUT, result.message, { field: "document" });
  return result.doc;
}

/** Everything derived from the document, computed once at save time. */
function derived(document: PostDocument) {
  return { html: renderDocumentHtml(document), excerpt: excerpt(document, 280), wordCount: countWords(document) };
}

async function freeSlug(db: Db, creatorId: string, title: string, exceptPostId?: string): Promise<string> {
  const base = slugify(title);
  const rows = await db
    .select({ slug: posts.slug, id: posts.id })
    .from(posts)
    .where(and(eq(posts.creatorId, creatorId), or(eq(posts.slug, base), like(posts.slug, `${base}-%`))));
  const taken = new Set(rows.filter((r) => r.id !== exceptPostId).map((r) => r.slug));
  return uniqueSlug(base, taken);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === "23505" || e.cause?.code === "23505";
}

/** Slug races are rare (two saves of one creator at once); one retry settles them. */
async function withSlugRetry<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run();
  }
}

async function ownPost(ctx: ServiceContext, id: string): Promise<PostRow> {
  const creator = await requireOwnCreator(ctx);
  const post = await ctx.db.query.posts.findFirst({ where: and(eq(posts.id, id), eq(posts.creatorId, creator.id)) });
  // Someone else's post is reported as missing, not forbidden: ids reveal nothing.
  if (!post) throw notFound();
  return post;
}

export async function createPost(ctx: ServiceContext, input: z.input<typeof createPostInput>) {
  const creator = await requireOwnCreator(ctx);
  const data = createPostInput.parse(input);
  const document = data.document === undefined ? emptyDocument() : checkedDocument(data.document);
  return withSlugRetry(async () => {
    const slug = await freeSlug(ctx.db, creator.id, data.title);
    const [post] = await ctx.db
      .insert(posts)
      .values({ creatorId: creator.id, title: data.title, slug, document, ...derived(document), createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    return post!;
  });
}

export async function getPostForEditor(ctx: ServiceContext, id: string) {
  return ownPost(ctx, id);
}

export type SaveResult = { id: string; version: number; slug: string; updatedAt: Date };

/**
 * Saves only if nobody saved since `baseVersion`; otherwise CONFLICT, and the caller keeps its
 * text. The check and the write are one UPDATE, so two saves from one version cannot both win.
 */
export async function savePost(ctx: ServiceContext, input: z.input<typeof savePostInput>): Promise<SaveResult> {
  const data = savePostInput.parse(input);
  const post = await ownPost(ctx, data.id);
  const document = checkedDocument(data.document);
  return withSlugRetry(async () => {
    // The slug follows the title until first publish; after that it is frozen.
    const slug = post.publishedAt ? post.slug : await freeSlug(ctx.db, post.creatorId, data.title, post.id);
    const [saved] = await ctx.db
      .update(posts)
      .set({ title: data.title, slug, document, ...derived(document), version: sql`${posts.version} + 1`, updatedAt: ctx.now })
      .where(and(eq(posts.id, post.id), eq(posts.version, data.baseVersion)))
      .returning({ id: posts.id, version: posts.version, slug: posts.slug, updatedAt: posts.updatedAt });
    if (!saved) throw staleVersion();
    return saved;
  });
}

function staleVersion(): AppError {
  return new AppError(
    AppErrorCode.CONFLICT,
    "This post was changed somewhere else since you opened it. Your text is kept here; choose which version to keep.",
  );
}

export async function publishPost(ctx: ServiceContext, input: z.input<typeof publishPostInput>) {
  const data = publishPostInput.parse(input);
  const post = await ownPost(ctx, data.id);
  if (!post.title.trim()) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Give your post a title before publishing.", { field: "title" });
  }
  const [published] = await ctx.db
    .update(posts)
    .set({
      status: "published",
      publishedAt: post.publishedAt ?? ctx.now,
      version: sql`${posts.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(and(eq(posts.id, post.id), eq(posts.version, data.baseVersion)))
    .returning();
  if (!published) throw staleVersion();
  return published;
}

export async function listOwnPosts(ctx: ServiceContext) {
  const creator = await requireOwnCreator(ctx);
  return ctx.db
    .select({
      id: posts.id,
      title: posts.title,
      slug: posts.slug,
      status: posts.status,
      access: posts.access,
      wordCount: posts.wordCount,
      publishedAt: posts.publishedAt,
      updatedAt: posts.updatedAt,
    })
    .from(posts)
    .where(eq(posts.creatorId, creator.id))
    .orderBy(desc(posts.updatedAt))
    .limit(200);
}

async function accessViewer(ctx: ServiceContext): Promise<AccessViewer> {
  if (!ctx.viewer) return null;
  const own = await getOwnCreator(ctx);
  return { userId: ctx.viewer.userId, creatorId: own?.id ?? null };
}

export type ReadablePost = {
  id: string;
  title: string;
  slug: string;
  status: PostRow["status"];
  access: PostRow["access"];
  excerpt: string;
  wordCount: number;
  publishedAt: Date | null;
  updatedAt: Date;
  /** Present only when the policy grants the whole post. */
  html: string | null;
  creator: { id: string; handle: string; displayName: string };
};

/** A post as this viewer may see it, or null when it must look missing. */
export async function getReadablePost(ctx: ServiceContext, handle: string, slug: string): Promise<ReadablePost | null> {
  const [row] = await ctx.db
    .select({ post: posts, creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName } })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(and(eq(creators.handle, handle.toLowerCase()), eq(posts.slug, slug)))
    .limit(1);
  if (!row) return null;
  const visibility = decidePostVisibility(row.post, await accessViewer(ctx));
  if (visibility === "hidden") return null;
  const { post, creator } = row;
  return {
    id: post.id,
    title: post.title,
    slug: post.slug,
    status: post.status,
    access: post.access,
    // The excerpt is cut from the body, so it is part of what the policy withholds.
    excerpt: visibility === "full" ? post.excerpt : "",
    wordCount: post.wordCount,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    html: visibility === "full" ? post.html : null,
    creator,
  };
}

export type PostCard = Omit<ReadablePost, "html" | "creator"> & { locked: boolean };

/** Published posts of a creator for their public page; bodies never leave here. */
export async function listPublishedPosts(ctx: ServiceContext, creatorId: string, limit = 20): Promise<PostCard[]> {
  const rows = await ctx.db
    .select({
      id: posts.id,
      creatorId: posts.creatorId,
      title: posts.title,
      slug: posts.slug,
      status: posts.status,
      access: posts.access,
      excerpt: posts.excerpt,
      wordCount: posts.wordCount,
      publishedAt: posts.publishedAt,
      updatedAt: posts.updatedAt,
    })
    .from(posts)
    .where(and(eq(posts.creatorId, creatorId), eq(posts.status, "published")))
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
  const viewer = await accessViewer(ctx);
  return rows.flatMap(({ creatorId: _creatorId, ...row }) => {
    const visibility = decidePostVisibility({ ...row, creatorId }, viewer);
    if (visibility === "hidden") return [];
    return [{ ...row, excerpt: visibility === "full" ? row.excerpt : "", locked: visibility !== "full" }];
  });
}

/** Recent published posts across creators, for the explore page. */
export async function listRecentPublished(ctx: ServiceContext, limit = 20) {
  const rows = await ctx.db
    .select({
      id: posts.id,
      creatorId: posts.creatorId,
      title: posts.title,
      slug: posts.slug,
      status: posts.status,
      access: posts.access,
      excerpt: posts.excerpt,
      wordCount: posts.wordCount,
      publishedAt: posts.publishedAt,
      handle: creators.handle,
      displayName: creators.displayName,
    })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(eq(posts.status, "published"))
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
  const viewer = await accessViewer(ctx);
  return rows.flatMap((row) => {
    const visibility = decidePostVisibility(row, viewer);
    if (visibility === "hidden") return [];
    return [{ ...row, excerpt: visibility === "full" ? row.excerpt : "", locked: visibility !== "full" }];
  });
}
