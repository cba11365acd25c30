// Collections: ordered series a creator builds from their posts (add, reorder, remove), each with a
// public page (`/{handle}/collections/{slug}`), a feed, and previous/next on its posts' pages. A
// post keeps its own access in a collection: the page lists what the policy lets the viewer see
// of it (a locked card shows the teaser and the way in), drafts and trashed posts not at all.
import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { isUniqueViolation } from "@/db/errors";
import { collectionPosts, collections, creators, posts } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import {
  collectionIdInput,
  createCollectionInput,
  setCollectionPostsInput,
  updateCollectionInput,
} from "@/lib/schemas/collection";
import { slugify, uniqueSlug } from "@/lib/slug";
import { creatorPagesChanged } from "../../cache/pages";
import { loadAccessViewer } from "../access/policy";
import { engagementOf } from "../community/engagement";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { cardColumns, presentPosts, publishedWhere } from "./present";
import type { ListedPostCard } from "./reads";

export type StudioCollection = {
  id: string;
  title: string;
  slug: string;
  description: string;
  posts: { id: string; title: string; status: string; slug: string | null }[];
};

export type StudioCollections = {
  collections: StudioCollection[];
  /** The creator's posts that can go in a collection (not trashed), newest first. */
  posts: { id: string; title: string; status: string }[];
};

/** How many of the creator's posts the picker offers: the newest, as a series is usually recent. */
const PICKABLE_POSTS = 500;

/** The creator's collections with their posts in order, drafts too (only they see this), and the posts to add. */
export async function studioCollections(ctx: ServiceContext): Promise<StudioCollections> {
  const own = await requireOwnCreator(ctx);
  const rows = await ctx.db
    .select({ id: collections.id, title: collections.title, slug: collections.slug, description: collections.description })
    .from(collections)
    .where(eq(collections.creatorId, own.id))
    .orderBy(asc(collections.createdAt));
  const members =
    rows.length === 0
      ? []
      : await ctx.db
          .select({ collectionId: collectionPosts.collectionId, id: posts.id, title: posts.title, status: posts.status, slug: posts.slug })
          .from(collectionPosts)
          .innerJoin(posts, eq(posts.id, collectionPosts.postId))
          .where(and(inArray(collectionPosts.collectionId, rows.map((row) => row.id)), isNull(posts.deletedAt)))
          .orderBy(asc(collectionPosts.position));
  const pickable = await ctx.db
    .select({ id: posts.id, title: posts.title, status: posts.status })
    .from(posts)
    .where(and(eq(posts.creatorId, own.id), isNull(posts.deletedAt)))
    .orderBy(sql`${posts.publishedAt} desc nulls first`, desc(posts.updatedAt))
    .limit(PICKABLE_POSTS);
  return {
    collections: rows.map((row) => ({
      ...row,
      posts: members.filter((member) => member.collectionId === row.id).map(({ collectionId: _c, ...post }) => post),
    })),
    posts: pickable,
  };
}

async function takenSlugs(ctx: ServiceContext, creatorId: string): Promise<Set<string>> {
  const rows = await ctx.db.select({ slug: collections.slug }).from(collections).where(eq(collections.creatorId, creatorId));
  return new Set(rows.map((row) => row.slug));
}

export async function createCollection(ctx: ServiceContext, input: z.input<typeof createCollectionInput>): Promise<{ id: string; slug: string }> {
  const own = await requireOwnCreator(ctx);
  const data = createCollectionInput.parse(input);
  // NOTE: two creations with one title at once: the second meets the unique slug and tries the next.
  for (let attempt = 0; ; attempt++) {
    const slug = uniqueSlug(slugify(data.title), await takenSlugs(ctx, own.id));
    try {
      const [created] = await ctx.db
        .insert(collections)
        .values({ creatorId: own.id, title: data.title, slug, description: data.description, createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: collections.id, slug: collections.slug });
      await creatorPagesChanged(ctx.db, own.id);
      return created!;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

async function ownCollection(ctx: ServiceContext, id: string) {
  const own = await requireOwnCreator(ctx);
  const [row] = await ctx.db.select().from(collections).where(and(eq(collections.id, id), eq(collections.creatorId, own.id)));
  // Another creator's collection is as missing as one that never was.
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, "This collection no longer exists.");
  return { own, collection: row };
}

/** A new title and description; the address (slug) stays, so links to it keep working. */
export async function updateCollection(ctx: ServiceContext, input: z.input<typeof updateCollectionInput>): Promise<void> {
  const data = updateCollectionInput.parse(input);
  const { own } = await ownCollection(ctx, data.id);
  await ctx.db.update(collections).set({ title: data.title, description: data.description, updatedAt: ctx.now }).where(eq(collections.id, data.id));
  await creatorPagesChanged(ctx.db, own.id);
}

/** The collection goes; its posts stay where they are. */
export async function deleteCollection(ctx: ServiceContext, input: z.input<typeof collectionIdInput>): Promise<void> {
  const { id } = collectionIdInput.parse(input);
  const { own } = await ownCollection(ctx, id);
  await ctx.db.delete(collections).where(eq(collections.id, id));
  await creatorPagesChanged(ctx.db, own.id);
}

/**
 * The collection's posts, in this order: adding, removing and reordering are each this one call
 * with the list as the creator now wants it. Only the creator's own posts (trashed ones refused).
 */
export async function setCollectionPosts(ctx: ServiceContext, input: z.input<typeof setCollectionPostsInput>): Promise<void> {
  const { id, postIds } = setCollectionPostsInput.parse(input);
  if (new Set(postIds).size !== postIds.length) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "A post can be in a collection once.", { field: "postIds" });
  }
  const { own } = await ownCollection(ctx, id);
  const mine =
    postIds.length === 0
      ? []
      : await ctx.db
          .select({ id: posts.id })
          .from(posts)
          .where(and(inArray(posts.id, postIds), eq(posts.creatorId, own.id), isNull(posts.deletedAt)));
  if (mine.length !== postIds.length) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Only your own posts, not in the trash, can be in your collections.", { field: "postIds" });
  }
  await ctx.db.transaction(async (tx) => {
    // The collection's row, locked: two edits at once apply one after the other, never interleaved.
    await tx.select({ id: collections.id }).from(collections).where(eq(collections.id, id)).for("update");
    await tx.delete(collectionPosts).where(eq(collectionPosts.collectionId, id));
    if (postIds.length > 0) await tx.insert(collectionPosts).values(postIds.map((postId, position) => ({ collectionId: id, postId, position })));
    await tx.update(collections).set({ updatedAt: ctx.now }).where(eq(collections.id, id));
  });
  await creatorPagesChanged(ctx.db, own.id);
}

export type PublicCollection = { id: string; title: string; slug: string; description: string; updatedAt: Date };

/** The published posts of a collection in its order: the card columns, for the page and the feed. */
async function publishedRowsOf(ctx: ServiceContext, collectionId: string, extra = {}) {
  return ctx.db
    .select({ ...cardColumns, ...extra })
    .from(collectionPosts)
    .innerJoin(posts, eq(posts.id, collectionPosts.postId))
    .where(and(eq(collectionPosts.collectionId, collectionId), publishedWhere()))
    .orderBy(asc(collectionPosts.position));
}

async function findPublicCollection(ctx: ServiceContext, handle: string, slug: string) {
  const [row] = await ctx.db
    .select({
      collection: { id: collections.id, title: collections.title, slug: collections.slug, description: collections.description, updatedAt: collections.updatedAt },
      creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName, tagline: creators.tagline },
    })
    .from(collections)
    .innerJoin(creators, eq(creators.id, collections.creatorId))
    .where(and(eq(creators.handle, handle.toLowerCase()), eq(collections.slug, slug)));
  return row ?? null;
}

export type CollectionPage = {
  creator: { id: string; handle: string; displayName: string; tagline: string };
  collection: PublicCollection;
  posts: ListedPostCard[];
};

/** A collection's page as this viewer may see it, or null when there is none at this address. */
export async function readCollection(ctx: ServiceContext, handle: string, slug: string): Promise<CollectionPage | null> {
  const found = await findPublicCollection(ctx, handle, slug);
  if (!found) return null;
  const rows = await publishedRowsOf(ctx, found.collection.id);
  const [cards, engagement] = await Promise.all([
    loadAccessViewer(ctx).then((viewer) => presentPosts(ctx, rows, viewer)),
    engagementOf(
      ctx,
      rows.map((row) => row.id),
    ),
  ]);
  return { ...found, posts: cards.map(({ output: _output, ...card }) => ({ ...card, ...engagement.get(card.id)! })) };
}

export type CollectionListing = PublicCollection & { posts: number };

/** A creator's collections that have a published post, for their page. */
export async function collectionsOf(ctx: ServiceContext, creatorId: string): Promise<CollectionListing[]> {
  const rows = await ctx.db
    .select({
      id: collections.id,
      title: collections.title,
      slug: collections.slug,
      description: collections.description,
      updatedAt: collections.updatedAt,
      posts: count(posts.id),
    })
    .from(collections)
    .innerJoin(collectionPosts, eq(collectionPosts.collectionId, collections.id))
    .innerJoin(posts, and(eq(posts.id, collectionPosts.postId), publishedWhere()))
    .where(eq(collections.creatorId, creatorId))
    .groupBy(collections.id)
    .orderBy(asc(collections.createdAt));
  return rows;
}

export type Neighbour = { title: string; slug: string };
export type CollectionPlace = { title: string; slug: string; index: number; total: number; previous: Neighbour | null; next: Neighbour | null };

/**
 * Where a published post stands in each collection it is in: its place among the collection's
 * published posts, and the ones before and after it. Titles and addresses only: those are public.
 */
export async function collectionPlaces(ctx: ServiceContext, postId: string): Promise<CollectionPlace[]> {
  const rows = await ctx.db
    .select({ collectionId: collectionPosts.collectionId, title: collections.title, slug: collections.slug })
    .from(collectionPosts)
    .innerJoin(collections, eq(collections.id, collectionPosts.collectionId))
    .where(eq(collectionPosts.postId, postId))
    .orderBy(asc(collections.createdAt));
  if (rows.length === 0) return [];
  const series = await ctx.db
    .select({ collectionId: collectionPosts.collectionId, id: posts.id, title: posts.title, slug: posts.slug })
    .from(collectionPosts)
    .innerJoin(posts, eq(posts.id, collectionPosts.postId))
    .where(and(inArray(collectionPosts.collectionId, rows.map((row) => row.collectionId)), publishedWhere()))
    .orderBy(asc(collectionPosts.position));
  return rows.flatMap((row) => {
    const list = series.filter((post) => post.collectionId === row.collectionId);
    const index = list.findIndex((post) => post.id === postId);
    if (index < 0) return [];
    const at = (i: number) => (list[i]?.slug ? { title: list[i]!.title, slug: list[i]!.slug! } : null);
    return [{ title: row.title, slug: row.slug, index, total: list.length, previous: at(index - 1), next: at(index + 1) }];
  });
}

