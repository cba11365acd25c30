// The creator's posts library: search, combined filters, sort, keyset pagination, counts per
// status, the trash listing, and bulk actions on a selection.
import "server-only";
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { posts, postTags, postTiers, tags, tiers } from "@/db/schema";
import {
  bulkAddTagInput,
  bulkPostsInput,
  libraryListInput,
  type LibraryListInput,
  type LibrarySort,
  type LibraryStatus,
} from "@/lib/schemas/post-library";
import { slugify } from "@/lib/slug";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { decodeCursor, encodeCursor, exactTime, staleCursor } from "../keyset";
import { archivePosts, TRASH_RETENTION_MS, trashPosts } from "./lifecycle";
import { ownPosts, type PostRow } from "./store";

export type LibraryItem = {
  id: string;
  title: string;
  slug: string;
  status: LibraryStatus;
  kind: string;
  access: PostRow["access"];
  excerpt: string;
  wordCount: number;
  version: number;
  /** Edits of a published post waiting behind Update. */
  hasPendingChanges: boolean;
  scheduledAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
  deletedAt: Date | null;
  /** When a trashed post is deleted for good. */
  purgeAt: Date | null;
  tags: { id: string; name: string }[];
  /** The tiers chosen for a "tiers" or "early access" post, in the creator's order; empty otherwise. */
  tiers: { id: string; name: string }[];
};

export type LibraryCounts = Record<LibraryStatus | "all" | "trash", number>;
export type LibraryPage = { items: LibraryItem[]; nextCursor: string | null; counts: LibraryCounts };

/** Raw SQL has no column to map a Date through, so instants go in as ISO text, cast. */
function instant(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

/**
 * The date a creator thinks of for a post; in the trash, when it was deleted. The live one is the
 * expression posts_library_date_idx is built on (db/schema/posts.ts): change both together.
 */
function postDate(trashed: boolean): SQL {
  if (trashed) return sql`${posts.deletedAt}`;
  return sql`coalesce(case
    when ${posts.status} = 'scheduled' then ${posts.scheduledAt}
    when ${posts.status} in ('published', 'archived') then ${posts.publishedAt}
  end, ${posts.updatedAt})`;
}

type SortSpec = { key: SQL; direction: "asc" | "desc"; type: "time" | "text" };

function sortSpec(sort: LibrarySort, trashed: boolean): SortSpec {
  switch (sort) {
    case "date_asc":
      return { key: postDate(trashed), direction: "asc", type: "time" };
    case "updated_desc":
      return { key: sql`${posts.updatedAt}`, direction: "desc", type: "time" };
    case "title_asc":
      return { key: sql`lower(${posts.title})`, direction: "asc", type: "text" };
    default:
      return { key: postDate(trashed), direction: "desc", type: "time" };
  }
}

/** The sort key as exact text, as a cursor carries it. */
function keyText(spec: SortSpec): SQL<string> {
  return spec.type === "time" ? exactTime(spec.key) : sql<string>`${spec.key}`;
}

type Cursor = { sort: LibrarySort; trashed: boolean; key: string; id: string };

function decodeLibraryCursor(raw: string, sort: LibrarySort, trashed: boolean): Cursor {
  const [s, t, key, id] = decodeCursor(raw) ?? [];
  if (s === sort && t === trashed && typeof key === "string" && typeof id === "string") return { sort, trashed, key, id };
  throw staleCursor();
}

function afterCursor(spec: SortSpec, cursor: Cursor): SQL {
  const value = spec.type === "time" ? sql`${cursor.key}::timestamptz` : sql`${cursor.key}`;
  return spec.direction === "desc"
    ? sql`(${spec.key}, ${posts.id}) < (${value}, ${cursor.id})`
    : sql`(${spec.key}, ${posts.id}) > (${value}, ${cursor.id})`;
}

/**
 * Prefix search over title and text ("sched" finds "scheduled") on their stored words, which a GIN
 * index covers, stemmed as they are: in the creator's language, which all their posts are in. Only
 * letters and digits reach to_tsquery, so its syntax cannot be injected.
 */
function searchCondition(q: string | undefined, language: string): SQL | undefined {
  const words = q?.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8);
  if (!words?.length) return undefined;
  const query = words.map((word) => `${word}:*`).join(" & ");
  return sql`${posts.searchWords} @@ to_tsquery(${language}::regconfig, ${query})`;
}

export async function listLibrary(ctx: ServiceContext, input: LibraryListInput): Promise<LibraryPage> {
  const creator = await requireOwnCreator(ctx);
  const data = libraryListInput.parse(input);
  const spec = sortSpec(data.sort, data.trashed);
  const date = postDate(data.trashed);
  const trashCutoff = new Date(ctx.now.getTime() - TRASH_RETENTION_MS);

  // Everything but the status: the counts per status answer "where are my matches?".
  const facets = and(
    eq(posts.creatorId, creator.id),
    searchCondition(data.q, creator.language),
    data.kind?.length ? inArray(posts.kind, data.kind) : undefined,
    data.access?.length ? inArray(posts.access, data.access) : undefined,
    data.tagIds?.length
      ? sql`exists (select 1 from ${postTags} where ${postTags.postId} = ${posts.id} and ${inArray(postTags.tagId, data.tagIds)})`
      : undefined,
    data.from ? gte(date, instant(data.from)) : undefined,
    data.to ? lt(date, instant(data.to)) : undefined,
  );
  const place = data.trashed
    ? and(isNotNull(posts.deletedAt), gt(posts.deletedAt, trashCutoff))
    : isNull(posts.deletedAt);
  const cursor = data.cursor ? decodeLibraryCursor(data.cursor, data.sort, data.trashed) : null;

  const rows = await ctx.db
    .select({
      id: posts.id,
      title: posts.title,
      slug: posts.slug,
      status: posts.status,
      kind: posts.kind,
      access: posts.access,
      excerpt: posts.excerpt,
      wordCount: posts.wordCount,
      version: posts.version,
      hasPendingChanges: sql<boolean>`(${posts.pendingDocument} is not null or ${posts.pendingTitle} is not null)`,
      scheduledAt: posts.scheduledAt,
      publishedAt: posts.publishedAt,
      updatedAt: posts.updatedAt,
      deletedAt: posts.deletedAt,
      sortKey: keyText(spec),
    })
    .from(posts)
    .where(
      and(
        facets,
        place,
        data.status?.length ? inArray(posts.status, data.status) : undefined,
        cursor ? afterCursor(spec, cursor) : undefined,
      ),
    )
    .orderBy(...(spec.direction === "desc" ? [desc(spec.key), desc(posts.id)] : [asc(spec.key), asc(posts.id)]))
    .limit(data.limit + 1);

  const page = rows.slice(0, data.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > data.limit && last
      ? encodeCursor([data.sort, data.trashed, last.sortKey, last.id])
      : null;

  const [tagRows, tierRows, counts] = await Promise.all([
    page.length
      ? ctx.db
          .select({ postId: postTags.postId, id: tags.id, name: tags.name })
          .from(postTags)
          .innerJoin(tags, eq(tags.id, postTags.tagId))
          .where(inArray(postTags.postId, page.map((p) => p.id)))
          .orderBy(asc(tags.name))
      : Promise.resolve([]),
    tiersOf(ctx, page.filter((p) => p.access === "tiers" || p.access === "early_access").map((p) => p.id)),
    countByStatus(ctx, facets, trashCutoff),
  ]);
  const tagsByPost = new Map<string, { id: string; name: string }[]>();
  for (const { postId, id, name } of tagRows) tagsByPost.set(postId, [...(tagsByPost.get(postId) ?? []), { id, name }]);

  return {
    items: page.map(({ sortKey: _sortKey, ...item }) => ({
      ...item,
      purgeAt: item.deletedAt ? new Date(item.deletedAt.getTime() + TRASH_RETENTION_MS) : null,
      tags: tagsByPost.get(item.id) ?? [],
      tiers: tierRows.get(item.id) ?? [],
    })),
    nextCursor,
    counts,
  };
}

/** The chosen tiers of each of `postIds`, in the creator's order. */
async function tiersOf(ctx: ServiceContext, postIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const byPost = new Map<string, { id: string; name: string }[]>();
  if (postIds.length === 0) return byPost;
  const rows = await ctx.db
    .select({ postId: postTiers.postId, id: tiers.id, name: tiers.name })
    .from(postTiers)
    .innerJoin(tiers, eq(tiers.id, postTiers.tierId))
    .where(inArray(postTiers.postId, postIds))
    .orderBy(asc(tiers.position), asc(tiers.createdAt));
  for (const { postId, id, name } of rows) byPost.set(postId, [...(byPost.get(postId) ?? []), { id, name }]);
  return byPost;
}

async function countByStatus(ctx: ServiceContext, facets: SQL | undefined, trashCutoff: Date): Promise<LibraryCounts> {
  const rows = await ctx.db
    .select({
      status: posts.status,
      trashed: sql<boolean>`${posts.deletedAt} is not null`,
      n: count(),
    })
    .from(posts)
    .where(and(facets, sql`(${posts.deletedAt} is null or ${posts.deletedAt} > ${instant(trashCutoff)})`))
    .groupBy(posts.status, sql`${posts.deletedAt} is not null`);
  const counts: LibraryCounts = { all: 0, trash: 0, draft: 0, scheduled: 0, published: 0, archived: 0 };
  for (const row of rows) {
    if (row.trashed) {
      counts.trash += row.n;
    } else {
      counts[row.status] += row.n;
      counts.all += row.n;
    }
  }
  return counts;
}

export type BulkResult = { changed: number; unchanged: number };

export async function bulkArchive(ctx: ServiceContext, input: z.input<typeof bulkPostsInput>): Promise<BulkResult> {
  return archivePosts(ctx, bulkPostsInput.parse(input).ids);
}

export async function bulkTrash(ctx: ServiceContext, input: z.input<typeof bulkPostsInput>): Promise<BulkResult> {
  return trashPosts(ctx, bulkPostsInput.parse(input).ids);
}

/** Adds one tag (made on the fly, matched by its slug) to every selected post of the viewer. */
export async function bulkAddTag(ctx: ServiceContext, input: z.input<typeof bulkAddTagInput>): Promise<BulkResult & { tag: { id: string; name: string } }> {
  const creator = await requireOwnCreator(ctx);
  const data = bulkAddTagInput.parse(input);
  const ids = [...new Set(data.ids)];
  const name = data.tag.replace(/\s+/g, " ");
  const slug = slugify(name);
  return ctx.db.transaction(async (tx) => {
    await ownPosts(ctx, ids, { lockIn: tx });
    await tx.insert(tags).values({ creatorId: creator.id, name, slug }).onConflictDoNothing({ target: [tags.creatorId, tags.slug] });
    const [tag] = await tx
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(and(eq(tags.creatorId, creator.id), eq(tags.slug, slug)));
    const added = await tx
      .insert(postTags)
      .values(ids.map((postId) => ({ postId, tagId: tag!.id })))
      .onConflictDoNothing()
      .returning({ postId: postTags.postId });
    return { changed: added.length, unchanged: ids.length - added.length, tag: tag! };
  });
}
