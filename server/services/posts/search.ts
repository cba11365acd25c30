// Search over creators and posts.
//
// Creators are found by name and handle despite a typo (pg_trgm's trigram similarity, through a
// trigram GiST index on each, read nearest first).
//
// Posts are found by PostgreSQL full text over two stored word lists with a GIN index each: the
// body's (title and plain text, posts.search_words) and the public text's (title and the stored
// teaser text, posts.public_search_words), both stemmed in the post's language, the title's words
// weighted most. Which list counts for a post is the policy's answer for the viewer: a post they
// may read is matched and ranked by its body, any other only by its public text, and every snippet
// is cut from the text the presenter gives. A search never reveals a gated word. Each query word
// is a prefix, stemmed as the post's language stems it: "paintings" finds "painted" in an English
// post, "pinturas" finds "pintura" in a Spanish one. When words find too little, a word no
// published title has is corrected to the title word most like it (trigrams over the list of
// title words, search_terms; titles are public) and what that finds follows.
//
// A common word matches most posts; ranking them all cost seconds at a million posts, so by
// relevance the newest CANDIDATES matches of either list are ranked (read newest first through the
// published index when matches are many, through the word index when they are few), and a page is
// a slice of that ranking. By date, pages follow each other by keyset with no cap.
import "server-only";
import { and, desc, eq, gte, inArray, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { isStatementTimeout } from "@/db/errors";
import { creators, posts, postTags, searchTerms, tags } from "@/db/schema";
import { PAGE_LANGUAGE_CONFIGS } from "@/lib/languages";
import { slugify } from "@/lib/slug";
import { SEARCH_PERIODS, searchInput, type SearchInput } from "@/lib/schemas/search";
import { accessFactColumns, loadAccessViewer, readableOf, readablePostIds } from "../access/policy";
import type { ServiceContext } from "../context";
import { creatorCardColumns, listedCreatorsWhere, listedPostsWhere, viewerSeesAdultPages, type CreatorCard } from "../discovery/listing";
import { decodeCursor, encodeCursor, exactTime, staleCursor } from "../keyset";
import { cardColumns, presentPosts, publishedWhere, type PostCard } from "./present";

export type SearchHit = PostCard & { handle: string; displayName: string; snippet: string };

export type SearchResults = {
  /** Creators whose name or handle is like the words (the first page only, and not when narrowed to one creator). */
  creators: CreatorCard[];
  posts: SearchHit[];
  nextCursor: string | null;
  /** The creator the search is narrowed to, or null when the handle names nobody listed. */
  narrowedTo: { handle: string; displayName: string } | null;
  /** The words as published titles spell them, when posts were found by them too (a typo). */
  correctedTo: string | null;
};

/** How many of the newest matches of each word list are ranked. */
const CANDIDATES = 200;
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

type WordList = typeof posts.searchWords | typeof posts.publicSearchWords;

/** The words as conditions on a post's word lists: whether they match, and how well. */
type PostQuery = { matches: (words: WordList) => SQL; rank: (words: WordList) => SQL<number> };

const languageList = (configs: readonly string[]) => sql.raw(`array[${configs.map((config) => `'${config}'`).join(", ")}]::regconfig[]`);

/**
 * The words, each a prefix and all of them required, stemmed in each page language: a post
 * matches when its words match the words as stemmed in its own language (languages that stem them
 * alike share one condition). Null when stemming leaves nothing in any language (no words at all:
 * "simple" drops none).
 */
async function postQuery(ctx: ServiceContext, queryWords: readonly string[]): Promise<PostQuery | null> {
  const prefixes = queryWords.map((w) => `'${w.replace(/'/g, "''")}':*`).join(" & ");
  const rows = await ctx.db
    .select({ config: sql<string>`config::text`, query: sql<string>`to_tsquery(config, ${prefixes})::text` })
    .from(sql`unnest(${languageList(PAGE_LANGUAGE_CONFIGS)}) as config`)
    .where(sql`numnode(to_tsquery(config, ${prefixes})) > 0`);
  const known = new Set<string>(PAGE_LANGUAGE_CONFIGS);
  const byQuery = new Map<string, string[]>();
  for (const row of rows) if (known.has(row.config)) byQuery.set(row.query, [...(byQuery.get(row.query) ?? []), row.config]);
  if (byQuery.size === 0) return null;
  const groups = [...byQuery].sort(([a], [b]) => a.localeCompare(b));
  const anyStemming = sql`${groups.map(([query]) => `(${query})`).join(" | ")}::tsquery`;
  return {
    matches: (words) =>
      sql`(${sql.join(
        groups.map(([query, configs]) => sql`(${posts.language} = any(${languageList(configs)}) and ${words} @@ ${query}::tsquery)`),
        sql` or `,
      )})`,
    rank: (words) => sql<number>`ts_rank(${words}, ${anyStemming})`.mapWith(Number),
  };
}

type Narrowing = { where: SQL | undefined; narrowedTo: SearchResults["narrowedTo"]; nobody: boolean };

/** The refinements as conditions on posts alone (a creator named by handle is looked up first). */
async function narrowing(ctx: ServiceContext, options: Options, seesAdultPages: boolean): Promise<Narrowing> {
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
      listedPostsWhere(seesAdultPages),
    ),
    narrowedTo,
    nobody: false,
  };
}

/**
 * How long a search may read the word indexes before it reads posts newest first instead. The
 * word indexes find a rare word's (or a typo's) few matches at once, where reading newest first
 * would pass every post (a prefix no post has: all million, 19 s); a common word has hundreds of
 * thousands of matches there (a second to collect), where newest first finds its newest at once.
 * PostgreSQL guesses which from its statistics, and guesses an unknown prefix at 1 % of posts, so
 * the guess is not asked: the word indexes get INDEX_MS, newest first WALK_MS, and past both the
 * word indexes take as long as they need (a rarer combination of common words, or a word seldom
 * used: the answer is then slower, never wrong).
 */
const INDEX_MS = 15;
const WALK_MS = 250;

/** `read` with the word indexes only (index scans, which would walk newest first, ruled out). */
const BY_WORD_INDEXES = sql`set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)`;

/** `read` in a transaction of its own with these settings: null when it ran past `ms`. */
async function within<T>(ctx: ServiceContext, ms: number | null, settings: SQL | null, read: (db: Db) => Promise<T>): Promise<{ done: T } | null> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const limit = ms === null ? null : sql`set_config('statement_timeout', ${`${ms}ms`}, true)`;
      const set = [limit, settings].filter((part): part is SQL => part !== null);
      if (set.length > 0) await tx.execute(sql`select ${sql.join(set, sql`, `)}`);
      return { done: await read(tx) };
    });
  } catch (error) {
    if (ms !== null && isStatementTimeout(error)) return null;
    throw error;
  }
}

/** `read`, answered by the word indexes, or newest first, whichever finds its matches (see INDEX_MS). */
async function newestMatches<T>(ctx: ServiceContext, read: (db: Db) => Promise<T>): Promise<T> {
  const answer =
    (await within(ctx, INDEX_MS, BY_WORD_INDEXES, read)) ??
    (await within(ctx, WALK_MS, null, read)) ??
    (await within(ctx, null, BY_WORD_INDEXES, read));
  return answer!.done;
}

/**
 * The newest CANDIDATES posts whose body or public text match, with whether each matched and its
 * rank in each: one walk for both lists.
 */
async function rankedMatches(ctx: ServiceContext, query: PostQuery, where: SQL | undefined) {
  const candidates = await newestMatches(ctx, (db) =>
    db
      .select({ id: posts.id })
      .from(posts)
      .where(and(where, or(query.matches(posts.searchWords), query.matches(posts.publicSearchWords))))
      .orderBy(desc(posts.publishedAt))
      .limit(CANDIDATES),
  );
  if (candidates.length === 0) return [];
  return ctx.db
    .select({
      id: posts.id,
      publishedAt: posts.publishedAt,
      body: sql<boolean>`${query.matches(posts.searchWords)}`,
      public: sql<boolean>`${query.matches(posts.publicSearchWords)}`,
      bodyRank: query.rank(posts.searchWords),
      publicRank: query.rank(posts.publicSearchWords),
      ...accessFactColumns,
    })
    .from(posts)
    .where(inArray(posts.id, candidates.map((row) => row.id)));
}

/**
 * The words with each one no published title has replaced by the title word most like it (pg_trgm
 * similarity, at least its default 0.3): "finshing" → "finishing". Null when nothing changes.
 * Numbers and words under three letters are left as they are.
 */
async function corrected(ctx: ServiceContext, queryWords: readonly string[]): Promise<string[] | null> {
  const fixed = await Promise.all(
    queryWords.map(async (word) => {
      if (word.length < 3 || /^\d+$/.test(word)) return word;
      const [closest] = await ctx.db
        .select({ term: searchTerms.term })
        .from(searchTerms)
        .where(sql`${searchTerms.term} % ${word}`)
        .orderBy(sql`${searchTerms.term} = ${word} desc`, sql`similarity(${searchTerms.term}, ${word}) desc`, searchTerms.term)
        .limit(1);
      return closest?.term ?? word;
    }),
  );
  return fixed.some((word, i) => word !== queryWords[i]) ? fixed : null;
}

type Found = { id: string; publishedAt: Date | null };

const byDate = (a: Found, b: Found) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0);

/** By relevance: the ranked candidates' slice at the cursor's offset. */
async function byRelevance(ctx: ServiceContext, query: PostQuery, where: SQL | undefined, offset: number, limit: number) {
  const matches = await rankedMatches(ctx, query, where);
  const readable = await readableOf(ctx, matches);
  // A post the viewer may read counts by its body, any other by its public text alone.
  const ranked = matches
    .flatMap((row) => (readable.has(row.id) ? (row.body ? [{ ...row, rank: row.bodyRank }] : []) : row.public ? [{ ...row, rank: row.publicRank }] : []))
    .sort((a, b) => b.rank - a.rank || byDate(a, b));
  const page = ranked.slice(offset, offset + limit);
  return { found: page as Found[], total: ranked.length, next: offset + limit < ranked.length ? encodeCursor(["rank", offset + limit]) : null };
}

/** By date: the matching posts after the cursor's, newest first, through the published index. */
async function byNewest(ctx: ServiceContext, query: PostQuery, where: SQL | undefined, after: { key: string; id: string } | null, limit: number) {
  // Read a few more than a page: a match the viewer may not count (a word of a body they cannot
  // read) is skipped, and the next page starts after the last row read, so none is missed.
  const rows = await newestMatches(ctx, (db) =>
    db
      .select({
        id: posts.id,
        publishedAt: posts.publishedAt,
        key: exactTime(posts.publishedAt),
        body: sql<boolean>`${query.matches(posts.searchWords)}`,
        public: sql<boolean>`${query.matches(posts.publicSearchWords)}`,
      })
      .from(posts)
      .where(
        and(
          where,
          or(query.matches(posts.searchWords), query.matches(posts.publicSearchWords)),
          after ? sql`(${posts.publishedAt}, ${posts.id}) < (${after.key}::timestamptz, ${after.id})` : undefined,
        ),
      )
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(limit * 2),
  );
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

/**
 * Creators whose handle, or a word of whose name, is like the words: the most alike of each
 * through its trigram index (nearest first, so a word in thousands of names costs what a rare
 * one does), then the two lists merged by likeness.
 */
async function searchCreators(ctx: ServiceContext, queryWords: readonly string[], seesAdultPages: boolean): Promise<CreatorCard[]> {
  const phrase = queryWords.join(" ");
  // A handle has no spaces: "mara ink" may be "mara-ink" (and is like "maraink").
  const handle = queryWords.join("-");
  const listed = listedCreatorsWhere(seesAdultPages);
  const [byHandle, byName] = await Promise.all([
    ctx.db
      .select({ ...creatorCardColumns, likeness: sql<number>`similarity(${creators.handle}, ${handle})`.mapWith(Number) })
      .from(creators)
      .where(and(sql`${creators.handle} % ${handle}`, listed))
      .orderBy(sql`${creators.handle} <-> ${handle}`)
      .limit(CREATOR_HITS),
    ctx.db
      .select({ ...creatorCardColumns, likeness: sql<number>`word_similarity(${phrase}, ${creators.displayName})`.mapWith(Number) })
      .from(creators)
      .where(and(sql`${phrase} <% ${creators.displayName}`, listed))
      .orderBy(sql`${phrase} <<-> ${creators.displayName}`)
      .limit(CREATOR_HITS),
  ]);
  const best = new Map<string, (typeof byHandle)[number]>();
  for (const hit of [...byHandle, ...byName]) {
    const seen = best.get(hit.id);
    if (!seen || seen.likeness < hit.likeness) best.set(hit.id, hit);
  }
  return [...best.values()]
    .sort((a, b) => b.likeness - a.likeness || a.handle.localeCompare(b.handle))
    .slice(0, CREATOR_HITS)
    .map(({ likeness: _likeness, ...hit }) => hit);
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

const NOTHING: SearchResults = { creators: [], posts: [], nextCursor: null, narrowedTo: null, correctedTo: null };

export async function search(ctx: ServiceContext, input: SearchInput): Promise<SearchResults> {
  const options = searchInput.parse(input);
  const queryWords = words(options.q);
  if (queryWords.length === 0) return NOTHING;
  const cursor = readCursor(options.cursor, options.sort);
  const firstPage = !options.cursor;
  // Read once: the posts' refinements and the creators found both leave pages for adults out by it.
  const seesAdultPages = await viewerSeesAdultPages(ctx);
  const [query, narrowed, creatorHits] = await Promise.all([
    postQuery(ctx, queryWords),
    narrowing(ctx, options, seesAdultPages),
    firstPage && !options.creator ? searchCreators(ctx, queryWords, seesAdultPages) : [],
  ]);
  if (narrowed.nobody || !query) return { ...NOTHING, creators: creatorHits };

  const { found, next } =
    options.sort === "newest"
      ? await byNewest(ctx, query, narrowed.where, cursor.after, options.limit)
      : await byRelevance(ctx, query, narrowed.where, cursor.offset, options.limit);
  let hits: Found[] = found;
  let correctedTo: string | null = null;
  // Too little found on the first page: the words as titles spell them, after what was found.
  if (firstPage && found.length < options.limit) {
    const fixed = await corrected(ctx, queryWords);
    const fixedQuery = fixed && (await postQuery(ctx, fixed));
    if (fixed && fixedQuery) {
      const more =
        options.sort === "newest"
          ? await byNewest(ctx, fixedQuery, narrowed.where, null, options.limit)
          : await byRelevance(ctx, fixedQuery, narrowed.where, 0, options.limit);
      const seen = new Set(found.map((row) => row.id));
      const added = more.found.filter((row) => !seen.has(row.id));
      hits = [...found, ...added].slice(0, options.limit);
      if (added.length > 0) correctedTo = fixed.join(" ");
    }
  }
  const snippetWords = correctedTo ? [...queryWords, ...correctedTo.split(" ")] : queryWords;
  return {
    creators: creatorHits,
    posts: await presentHits(ctx, hits, snippetWords),
    nextCursor: next,
    narrowedTo: narrowed.narrowedTo,
    correctedTo,
  };
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
