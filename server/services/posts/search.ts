// Search over creators and posts.
//
// Creators are found by name and handle despite a typo (pg_trgm's trigram similarity, through a
// trigram index on each).
//
// Posts are found by PostgreSQL full text over two stored word lists with a GIN index each: the
// body's (title and plain text, posts.search_words) and the public text's (title and the stored
// teaser text, posts.public_search_words), both stemmed in the post's language, the title's words
// weighted most. Which list counts for a post is the policy's answer for the viewer: a post they
// may read is matched and ranked by its body, any other only by its public text, and every snippet
// is cut from the text the presenter gives. A search never reveals a gated word. Each query word
// is a prefix, in every page language's stemming (the query is stemmed in each, the distinct
// results ORed): "paintings" finds "painted" in English posts and "pintura" stays whole in
// Spanish ones. When words find too little, titles are matched despite a typo (trigrams; titles
// are public).
//
// A common word matches most posts; ranking them all cost seconds at a million posts, so by
// relevance the newest CANDIDATES matches of each list are ranked (read newest first through the
// published index when matches are many, through the word index when they are few), and a page is
// a slice of that ranking. By date, pages follow each other by keyset with no cap.
import "server-only";
import { and, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { creators, posts, postTags, tags } from "@/db/schema";
import { PAGE_LANGUAGE_CONFIGS } from "@/lib/languages";
import { slugify } from "@/lib/slug";
import { SEARCH_PERIODS, searchInput, type SearchInput } from "@/lib/schemas/search";
import { loadAccessViewer, readablePostIds } from "../access/policy";
import type { ServiceContext } from "../context";
import { listedCreatorsWhere, viewerSeesAdultPages } from "../discovery/listing";
import { decodeCursor, encodeCursor, exactTime, staleCursor } from "../keyset";
import { cardColumns, presentPosts, publishedWhere, type PostCard } from "./present";

export type SearchHit = PostCard & { handle: string; displayName: string; snippet: string };

export type CreatorHit = {
  id: string;
  handle: string;
  displayName: string;
  tagline: string;
  avatarMediaId: string | null;
  category: string | null;
};

export type SearchResults = {
  /** Creators whose name or handle is like the words (the first page only, and not when narrowed to one creator). */
  creators: CreatorHit[];
  posts: SearchHit[];
  nextCursor: string | null;
  /** The creator the search is narrowed to, or null when the handle names nobody listed. */
  narrowedTo: { handle: string; displayName: string } | null;
};

/** How many of the newest matches of each word list are ranked. */
const CANDIDATES = 500;
/** How many creators a search shows. */
const CREATOR_HITS = 6;

type Options = z.infer<typeof searchInput>;

function words(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 10);
}

/** A window of `text` around the first query word, or its start. */
export function snippetAround(text: string, queryWords: readonly string[], radius = 80): string {
  const lower = text.toLowerCase();
  const positions = queryWords.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  const at = positions.length ? Math.min(...positions) : 0;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + radius * 2);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}

/**
 * The words as one tsquery: each word a prefix, all of them required, stemmed in each page
 * language, the distinct stemmings ORed. Null when stemming leaves nothing (only stop words in
 * every language, which "simple" never drops, so only for no words at all).
 */
async function postQuery(ctx: ServiceContext, queryWords: readonly string[]): Promise<SQL | null> {
  const prefixes = queryWords.map((w) => `'${w.replace(/'/g, "''")}':*`).join(" & ");
  // The configurations are this code's own constants, spelled into the statement.
  const configs = sql.raw(`unnest(array[${PAGE_LANGUAGE_CONFIGS.map((config) => `'${config}'`).join(", ")}]::regconfig[]) as config`);
  const rows = await ctx.db
    .selectDistinct({ query: sql<string>`to_tsquery(config, ${prefixes})::text` })
    .from(configs)
    .where(sql`numnode(to_tsquery(config, ${prefixes})) > 0`);
  const queries = rows.map((row) => row.query).sort();
  if (queries.length === 0) return null;
  return sql`${queries.map((q) => `(${q})`).join(" | ")}::tsquery`;
}

type Narrowing = { where: SQL | undefined; narrowedTo: SearchResults["narrowedTo"]; nobody: boolean };

/** The refinements as conditions on posts (joined with their creators). */
async function narrowing(ctx: ServiceContext, options: Options): Promise<Narrowing> {
  const seesAdultPages = await viewerSeesAdultPages(ctx);
  let narrowedTo: SearchResults["narrowedTo"] = null;
  let creatorId: string | undefined;
  if (options.creator) {
    const handle = options.creator.replace(/^@/, "").toLowerCase();
    const [creator] = await ctx.db
      .select({ id: creators.id, handle: creators.handle, displayName: creators.displayName })
      .from(creators)
      .where(and(eq(creators.handle, handle), listedCreatorsWhere(seesAdultPages)));
    if (!creator) return { where: undefined, narrowedTo: null, nobody: true };
    narrowedTo = { handle: creator.handle, displayName: creator.displayName };
    creatorId = creator.id;
  }
  const tagged = options.tag
    ? inArray(
        posts.id,
        ctx.db
          .select({ postId: postTags.postId })
          .from(postTags)
          .innerJoin(tags, eq(tags.id, postTags.tagId))
          .where(eq(tags.slug, slugify(options.tag))),
      )
    : undefined;
  const since = options.since ? new Date(ctx.now.getTime() - SEARCH_PERIODS[options.since] * 86_400_000) : undefined;
  return {
    where: and(
      publishedWhere(),
      creatorId ? eq(posts.creatorId, creatorId) : undefined,
      options.kind ? eq(posts.kind, options.kind) : undefined,
      tagged,
      since ? gte(posts.publishedAt, since) : undefined,
      listedCreatorsWhere(seesAdultPages),
    ),
    narrowedTo,
    nobody: false,
  };
}

/** The newest CANDIDATES posts whose `words` match, with their rank in them. */
function rankedMatches(ctx: ServiceContext, words: typeof posts.searchWords | typeof posts.publicSearchWords, query: SQL, where: SQL | undefined) {
  // Only ids here: whatever this subquery selects is computed for every match when they are found
  // through the word index, before the newest are picked.
  const candidates = ctx.db
    .select({ id: posts.id })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(and(where, sql`${words} @@ ${query}`))
    .orderBy(desc(posts.publishedAt))
    .limit(CANDIDATES)
    .as("candidates");
  return ctx.db
    .select({ id: posts.id, publishedAt: posts.publishedAt, rank: sql<number>`ts_rank(${words}, ${query})`.mapWith(Number) })
    .from(candidates)
    .innerJoin(posts, eq(posts.id, candidates.id));
}

/**
 * How alike a word and a title's word must be (pg_trgm's word_similarity) to count despite a typo.
 * pg_trgm's default, 0.6, misses one wrong letter in a word of six to eight ("harbur", "finshing").
 */
const TYPO_LIKENESS = 0.5;

/** Posts whose title has a word like each of the words despite a typo, most alike first. */
function titlesLike(ctx: ServiceContext, queryWords: readonly string[], where: SQL | undefined, limit: number) {
  const likeness = sql<number>`(${sql.join(
    queryWords.map((w) => sql`word_similarity(${w}, ${posts.title})`),
    sql` + `,
  )})`.mapWith(Number);
  // The threshold is the statement's: `<%` reads it from the setting (the index can only answer
  // the operator, not a comparison of word_similarity with a number).
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_LIKENESS)}, true)`);
    return tx
      .select({ id: posts.id, publishedAt: posts.publishedAt, likeness })
      .from(posts)
      .innerJoin(creators, eq(creators.id, posts.creatorId))
      .where(and(where, ...queryWords.map((w) => sql`${w} <% ${posts.title}`)))
      .orderBy(desc(likeness), desc(posts.publishedAt))
      .limit(limit);
  });
}

type Found = { id: string; publishedAt: Date | null };

const byDate = (a: Found, b: Found) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0);

/** By relevance: the ranked candidates' slice at the cursor's offset. */
async function byRelevance(ctx: ServiceContext, query: SQL, where: SQL | undefined, offset: number, limit: number) {
  const [byBody, byPublicText] = await Promise.all([
    rankedMatches(ctx, posts.searchWords, query, where),
    rankedMatches(ctx, posts.publicSearchWords, query, where),
  ]);
  const readable = await readablePostIds(ctx, [...new Set([...byBody, ...byPublicText].map((row) => row.id))]);
  // A post the viewer may read counts by its body, any other by its public text alone.
  const ranked = [...byBody.filter((row) => readable.has(row.id)), ...byPublicText.filter((row) => !readable.has(row.id))].sort(
    (a, b) => b.rank - a.rank || byDate(a, b),
  );
  const page = ranked.slice(offset, offset + limit);
  return { found: page as Found[], total: ranked.length, next: offset + limit < ranked.length ? encodeCursor(["rank", offset + limit]) : null };
}

/** By date: the matching posts after the cursor's, newest first, through the published index. */
async function byNewest(ctx: ServiceContext, query: SQL, where: SQL | undefined, after: { key: string; id: string } | null, limit: number) {
  // Read a few more than a page: a match the viewer may not count (a word of a body they cannot
  // read) is skipped, and the next page starts after the last row read, so none is missed.
  const rows = await ctx.db
    .select({
      id: posts.id,
      publishedAt: posts.publishedAt,
      key: exactTime(posts.publishedAt),
      body: sql<boolean>`${posts.searchWords} @@ ${query}`,
      public: sql<boolean>`${posts.publicSearchWords} @@ ${query}`,
    })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(
      and(
        where,
        sql`(${posts.searchWords} @@ ${query} or ${posts.publicSearchWords} @@ ${query})`,
        after ? sql`(${posts.publishedAt}, ${posts.id}) < (${after.key}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(limit * 2);
  const readable = await readablePostIds(ctx, rows.map((row) => row.id));
  const found: Found[] = [];
  let last: (typeof rows)[number] | undefined;
  for (const row of rows) {
    if (found.length === limit) break;
    last = row;
    if (readable.has(row.id) ? row.body : row.public) found.push(row);
  }
  const more = rows.length === limit * 2 || (last !== undefined && last !== rows.at(-1));
  return { found, total: found.length, next: more && last ? encodeCursor(["date", last.key, last.id]) : null };
}

async function searchCreators(ctx: ServiceContext, queryWords: readonly string[]): Promise<CreatorHit[]> {
  const phrase = queryWords.join(" ");
  // A handle has no spaces: "mara ink" may be "maraink".
  const handle = queryWords.join("");
  const score = sql<number>`greatest(similarity(${creators.handle}, ${handle}), word_similarity(${phrase}, ${creators.displayName}))`;
  return ctx.db
    .select({
      id: creators.id,
      handle: creators.handle,
      displayName: creators.displayName,
      tagline: creators.tagline,
      avatarMediaId: creators.avatarMediaId,
      category: creators.category,
    })
    .from(creators)
    .where(and(sql`(${creators.handle} % ${handle} or ${phrase} <% ${creators.displayName})`, listedCreatorsWhere(await viewerSeesAdultPages(ctx))))
    .orderBy(desc(score), creators.handle)
    .limit(CREATOR_HITS);
}

function readCursor(raw: string | undefined, sort: Options["sort"]): { offset: number; after: { key: string; id: string } | null } {
  if (!raw) return { offset: 0, after: null };
  const parts = decodeCursor(raw);
  if (sort === "relevance" && parts?.[0] === "rank" && Number.isInteger(parts[1]) && (parts[1] as number) > 0 && (parts[1] as number) < 2 * CANDIDATES) {
    return { offset: parts[1] as number, after: null };
  }
  if (sort === "newest" && parts?.[0] === "date" && typeof parts[1] === "string" && typeof parts[2] === "string") {
    return { offset: 0, after: { key: parts[1], id: parts[2] } };
  }
  throw staleCursor();
}

const NOTHING: SearchResults = { creators: [], posts: [], nextCursor: null, narrowedTo: null };

export async function search(ctx: ServiceContext, input: SearchInput): Promise<SearchResults> {
  const options = searchInput.parse(input);
  const queryWords = words(options.q);
  if (queryWords.length === 0) return NOTHING;
  const cursor = readCursor(options.cursor, options.sort);
  const firstPage = !options.cursor;
  const [query, narrowed, creatorHits] = await Promise.all([
    postQuery(ctx, queryWords),
    narrowing(ctx, options),
    firstPage && !options.creator ? searchCreators(ctx, queryWords) : [],
  ]);
  if (narrowed.nobody || !query) return { ...NOTHING, creators: creatorHits };

  const { found, next } =
    options.sort === "newest"
      ? await byNewest(ctx, query, narrowed.where, cursor.after, options.limit)
      : await byRelevance(ctx, query, narrowed.where, cursor.offset, options.limit);
  let hits: Found[] = found;
  // Too little found by words on the first page: titles like the words despite a typo, after them.
  if (firstPage && found.length < options.limit) {
    const seen = new Set(found.map((row) => row.id));
    const alike = (await titlesLike(ctx, queryWords, narrowed.where, options.limit)).filter((row) => !seen.has(row.id));
    hits = [...found, ...(options.sort === "newest" ? alike.sort(byDate) : alike)].slice(0, options.limit);
  }
  return { creators: creatorHits, posts: await presentHits(ctx, hits, queryWords), nextCursor: next, narrowedTo: narrowed.narrowedTo };
}

/** The found posts, in order, as the policy lets the viewer see them, each with a snippet of what they may read. */
async function presentHits(ctx: ServiceContext, found: readonly Found[], queryWords: readonly string[]): Promise<SearchHit[]> {
  if (found.length === 0) return [];
  const rows = await ctx.db
    .select({ ...cardColumns, plainText: posts.plainText, handle: creators.handle, displayName: creators.displayName })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(inArray(posts.id, found.map((row) => row.id)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = found.flatMap((row) => byId.get(row.id) ?? []);
  const cards = await presentPosts(ctx, ordered, await loadAccessViewer(ctx));
  return cards.map(({ output, ...card }) => {
    const row = byId.get(card.id)!;
    return { ...card, handle: row.handle, displayName: row.displayName, snippet: snippetAround(output.text ?? "", queryWords) };
  });
}
