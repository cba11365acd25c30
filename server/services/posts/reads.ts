// Posts, the reader's side: every read a viewer makes goes through the access policy and the
// presenter (present.ts), so a body, an excerpt or a teaser leaves only when the policy says so.
import "server-only";
import { and, desc, eq, exists, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { collectionPosts, collections, creators, follows, posts, postSlugs, postTags, tags, tiers } from "@/db/schema";
import type { ArchiveFilters } from "@/lib/schemas/archive";
import { loadAccessViewer, type AccessViewer } from "../access/policy";
import { engagementOf, type Engagement } from "../community/engagement";
import type { ServiceContext } from "../context";
import { decodeCursor, encodeCursor, exactTime, staleCursor } from "../keyset";
import { listedCreatorsWhere, viewerSeesAdultPages } from "../discovery/listing";
import { cardColumns, presentPosts, publishedWhere, type CardRow, type PostCard, type PresentedCard } from "./present";

/** What a post page shows: the card columns, the body's HTML and the teaser's. */
const pageColumns = { ...cardColumns, html: posts.html, teaserHtml: posts.teaserHtml } as const;
const creatorColumns = { id: creators.id, handle: creators.handle, displayName: creators.displayName } as const;

export type ReadablePost = Omit<PostCard, "creatorId"> & {
  /** Present only when the policy grants the whole post. */
  html: string | null;
  /** Present only when the body is withheld: what the creator chose to show instead. */
  teaserHtml: string | null;
  creator: {
    id: string;
    handle: string;
    displayName: string;
    /** Whether the creator has a tier anyone can join: the post's end offers it. */
    joinable: boolean;
    /** Whether the viewer follows the creator (false signed out). */
    followedByViewer: boolean;
  };
};

/** A readable post plus its words as plain text, for channels without HTML (an email's text part). */
export type ReadablePostWithText = ReadablePost & { text: string };

async function readOne(
  ctx: ServiceContext,
  where: SQL | undefined,
  viewer: AccessViewer | undefined,
  options: { asPublished?: boolean; withText?: boolean } = {},
): Promise<ReadablePostWithText | null> {
  // The body's plain text is read only for channels that ask for it: a page never shows it.
  const plainText = options.withText ? posts.plainText : sql<string>`''`;
  // Read in the post's own statement, so a member's view of a gated post stays two statements.
  const followedByViewer = ctx.viewer
    ? sql<boolean>`exists (select 1 from ${follows} where ${follows.userId} = ${ctx.viewer.userId} and ${follows.creatorId} = ${posts.creatorId})`
    : sql<boolean>`false`;
  const joinable = sql<boolean>`exists (select 1 from ${tiers} where ${tiers.creatorId} = ${posts.creatorId} and ${tiers.status} = 'published')`;
  const [row] = await ctx.db
    .select({ post: { ...pageColumns, plainText }, creator: { ...creatorColumns, joinable, followedByViewer } })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(where)
    .limit(1);
  if (!row) return null;
  // Previews show a draft as readers will get it once published; deleted posts stay missing.
  const post = options.asPublished && !row.post.deletedAt ? { ...row.post, status: "published" as const } : row.post;
  const [card] = await presentPosts(ctx, [post], viewer === undefined ? await loadAccessViewer(ctx) : viewer);
  if (!card) return null;
  const { creatorId: _creatorId, output, ...rest } = card;
  return { ...rest, html: output.html, teaserHtml: output.teaserHtml, text: output.text ?? "", creator: row.creator };
}

function withoutText({ text: _text, ...post }: ReadablePostWithText): ReadablePost {
  return post;
}

/** A post as this viewer may see it, or null when it must look missing. */
export async function getReadablePost(ctx: ServiceContext, handle: string, slug: string): Promise<ReadablePost | null> {
  const post = await readOne(ctx, and(eq(creators.handle, handle.toLowerCase()), eq(posts.slug, slug)), undefined);
  return post && withoutText(post);
}

/** A post by id, for studio previews and channels that already know the id. */
export async function getReadablePostById(
  ctx: ServiceContext,
  postId: string,
  viewer?: AccessViewer,
  options: { asPublished?: boolean } = {},
): Promise<ReadablePost | null> {
  const post = await readOne(ctx, eq(posts.id, postId), viewer, options);
  return post && withoutText(post);
}

/** The same, with the words as plain text too (the body's with access, the teaser's without). */
export function getReadablePostWithText(ctx: ServiceContext, postId: string, viewer?: AccessViewer): Promise<ReadablePostWithText | null> {
  return readOne(ctx, eq(posts.id, postId), viewer, { withText: true });
}

/**
 * Where an old slug of a post now lives: its current slug, when this viewer may see the post at
 * all. Otherwise null, so an old link to a draft or deleted post looks missing like any other.
 */
export async function findSlugRedirect(ctx: ServiceContext, handle: string, slug: string): Promise<string | null> {
  const [old] = await ctx.db
    .select({ postId: postSlugs.postId })
    .from(postSlugs)
    .innerJoin(creators, eq(creators.id, postSlugs.creatorId))
    .where(and(eq(creators.handle, handle.toLowerCase()), eq(postSlugs.slug, slug)))
    .limit(1);
  if (!old) return null;
  const visible = await readOne(ctx, eq(posts.id, old.postId), undefined);
  return visible && visible.slug !== slug ? visible.slug : null;
}

/** A card in a public list: what the policy lets the viewer see, with its likes and comments counted. */
export type ListedPostCard = PostCard & Engagement;

export type PostsPage = { posts: ListedPostCard[]; nextCursor: string | null };

function archiveCursor(raw: string): { key: string; id: string } {
  const [key, id] = decodeCursor(raw) ?? [];
  if (typeof key === "string" && typeof id === "string") return { key, id };
  throw staleCursor();
}

/**
 * A creator's published posts, newest first, a page at a time (the creator page shows the first,
 * the archive any): a page starts after the last post of the one before, through the creator's
 * index of published posts, so the 25th page costs what the first does. Bodies never leave here.
 * Filters narrow it: a tag, a collection, a kind of post (by its slugs and name, as the address
 * has them), and "unlocked": only the posts the policy lets this viewer read whole, decided by the
 * policy itself on each candidate (so a page may take a few reads to fill).
 */
export async function listPublishedPostsPage(
  ctx: ServiceContext,
  creatorId: string,
  options: { cursor?: string; limit: number } & ArchiveFilters,
): Promise<PostsPage> {
  const viewer = await loadAccessViewer(ctx);
  const narrowed = and(
    options.kind ? eq(posts.kind, options.kind) : undefined,
    options.tag
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(postTags)
            .innerJoin(tags, eq(tags.id, postTags.tagId))
            .where(and(eq(postTags.postId, posts.id), eq(tags.creatorId, creatorId), eq(tags.slug, options.tag))),
        )
      : undefined,
    options.collection
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(collectionPosts)
            .innerJoin(collections, eq(collections.id, collectionPosts.collectionId))
            .where(and(eq(collectionPosts.postId, posts.id), eq(collections.creatorId, creatorId), eq(collections.slug, options.collection))),
        )
      : undefined,
  );
  let after = options.cursor ? archiveCursor(options.cursor) : null;
  const kept: PresentedCard[] = [];
  const keys = new Map<string, string>();
  let more = false;
  let exhausted = false;
  // NOTE: without "unlocked" one read fills the page; with it, reads of a few pages' worth of
  // candidates go on until it is full or the archive ends, each decided by the policy.
  for (let reads = 0; reads < MAX_ARCHIVE_READS && !more && !exhausted; reads++) {
    const batch = options.unlocked ? options.limit * 3 : options.limit + 1;
    const rows = await ctx.db
      .select({ ...cardColumns, key: exactTime(posts.publishedAt) })
      .from(posts)
      .where(
        and(
          eq(posts.creatorId, creatorId),
          publishedWhere(),
          narrowed,
          after ? sql`(${posts.publishedAt}, ${posts.id}) < (${after.key}::timestamptz, ${after.id})` : undefined,
        ),
      )
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(batch);
    const cards = new Map((await presentPosts(ctx, rows, viewer)).map((card) => [card.id, card]));
    for (const row of rows) {
      keys.set(row.id, row.key);
      const card = cards.get(row.id);
      if (!card || (options.unlocked && card.locked)) continue;
      if (kept.length === options.limit) {
        more = true;
        break;
      }
      kept.push(card);
    }
    exhausted = rows.length < batch;
    const last = rows.at(-1);
    if (last) after = { key: last.key, id: last.id };
  }
  // The next page starts after the last post shown; or, when the reads ran out before the page
  // filled, after the last post looked at.
  const lastKept = kept.at(-1);
  const nextAfter = more && lastKept ? { key: keys.get(lastKept.id)!, id: lastKept.id } : !more && !exhausted ? after : null;
  const engagement = await engagementOf(
    ctx,
    kept.map((card) => card.id),
  );
  return {
    posts: kept.map(({ output: _output, ...card }) => ({ ...card, ...engagement.get(card.id)! })),
    nextCursor: nextAfter ? encodeCursor([nextAfter.key, nextAfter.id]) : null,
  };
}

/** How many reads an "unlocked" page may take before it is shown as far as it got. */
const MAX_ARCHIVE_READS = 5;

/** The creator's featured post as this viewer may see it (a card: never the body), or null. */
export async function readFeaturedPost(ctx: ServiceContext, creatorId: string): Promise<ListedPostCard | null> {
  const [creator] = await ctx.db.select({ featuredPostId: creators.featuredPostId }).from(creators).where(eq(creators.id, creatorId));
  if (!creator?.featuredPostId) return null;
  const rows = await ctx.db
    .select(cardColumns)
    .from(posts)
    .where(and(eq(posts.id, creator.featuredPostId), eq(posts.creatorId, creatorId), publishedWhere()));
  const [card] = await presentPosts(ctx, rows, await loadAccessViewer(ctx));
  if (!card) return null;
  const engagement = await engagementOf(ctx, [card.id]);
  const { output: _output, ...rest } = card;
  return { ...rest, ...engagement.get(card.id)! };
}

/** Published posts of a creator for their public page; bodies never leave here. */
export async function listPublishedPosts(ctx: ServiceContext, creatorId: string, limit = 20): Promise<ListedPostCard[]> {
  return (await listPublishedPostsPage(ctx, creatorId, { limit })).posts;
}

export type RecentPostCard = ListedPostCard & { handle: string; displayName: string };
export type RecentPostsPage = { posts: RecentPostCard[]; nextCursor: string | null };

/** What a list of posts across creators reads of each: the card, and whose it is. */
export const acrossColumns = { ...cardColumns, handle: creators.handle, displayName: creators.displayName } as const;
type AcrossRow = CardRow & { handle: string; displayName: string };

/**
 * Cards of posts across creators, in the order given, each as the policy lets this viewer see it
 * (a locked one carries the teaser's words, never the body's), with its likes and comments.
 */
export async function presentAcross(ctx: ServiceContext, rows: readonly AcrossRow[]): Promise<RecentPostCard[]> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const [cards, engagement] = await Promise.all([
    loadAccessViewer(ctx).then((viewer) => presentPosts(ctx, rows, viewer)),
    engagementOf(
      ctx,
      rows.map((row) => row.id),
    ),
  ]);
  return cards.map(({ output: _output, ...card }) => ({
    ...card,
    ...engagement.get(card.id)!,
    handle: byId.get(card.id)!.handle,
    displayName: byId.get(card.id)!.displayName,
  }));
}

/**
 * Published posts across creators, newest first, a page at a time: of `creatorIds` only when
 * given (the home feed), leaving out `exceptCreatorIds` (its discovery shelf), of one `category`'s
 * creators (explore's category pages). With `seesAdultPages` (viewerSeesAdultPages), a list the
 * platform puts in front of the viewer (explore, the front page, the shelf): pages for adults only
 * are left out unless it is true.
 */
export async function listPublishedAcross(
  ctx: ServiceContext,
  options: {
    creatorIds?: readonly string[];
    exceptCreatorIds?: readonly string[];
    category?: string;
    seesAdultPages?: boolean;
    cursor?: string;
    limit: number;
  },
): Promise<RecentPostsPage> {
  const { creatorIds, exceptCreatorIds = [], limit } = options;
  if (creatorIds?.length === 0) return { posts: [], nextCursor: null };
  const after = options.cursor ? archiveCursor(options.cursor) : null;
  const rows = await ctx.db
    .select({ ...acrossColumns, key: exactTime(posts.publishedAt) })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(
      and(
        publishedWhere(),
        creatorIds ? inArray(posts.creatorId, [...creatorIds]) : undefined,
        exceptCreatorIds.length > 0 ? notInArray(posts.creatorId, [...exceptCreatorIds]) : undefined,
        options.category ? eq(creators.category, options.category) : undefined,
        options.seesAdultPages === undefined ? undefined : listedCreatorsWhere(options.seesAdultPages),
        after ? sql`(${posts.publishedAt}, ${posts.id}) < (${after.key}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { posts: await presentAcross(ctx, page), nextCursor: rows.length > limit && last ? encodeCursor([last.key, last.id]) : null };
}

/** Recent published posts across creators, for the front page and explore's New. */
export async function listRecentPublished(ctx: ServiceContext, limit = 20): Promise<RecentPostCard[]> {
  return (await listPublishedAcross(ctx, { limit, seesAdultPages: await viewerSeesAdultPages(ctx) })).posts;
}
