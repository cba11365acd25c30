// Post search on PostgreSQL full-text, over two stored word lists with a GIN index each: the body's
// (title and plain text, posts.search_words) and the public text's (title and the stored teaser
// text, posts.public_search_words). Which one counts for a post is the presenter's answer for the
// viewer: a post they may read is matched and ranked by its body, any other only by its public
// text, and every snippet is cut from the text the presenter gives. A search never reveals a gated
// word. A common word matches most posts; ranking them all cost seconds at a million posts, so the
// newest CANDIDATES matches are ranked (read newest first through the published index when matches
// are many, through the word index when they are few).
import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { creators, posts } from "@/db/schema";
import { loadAccessViewer } from "../access/policy";
import type { ServiceContext } from "../context";
import { cardColumns, presentPosts, publishedWhere, type PostCard } from "./present";

export type SearchHit = PostCard & { handle: string; displayName: string; snippet: string };

const MAX_QUERY_LENGTH = 200;

/** How many of the newest matches of each text are ranked. */
const CANDIDATES = 500;

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

/** The best `limit` of the newest CANDIDATES published posts whose `words` match, by their rank in them. */
function matches(ctx: ServiceContext, words: typeof posts.searchWords | typeof posts.publicSearchWords, query: SQL, limit: number) {
  // Only ids here: whatever this subquery selects is computed for every match when they are found
  // through the word index, before the newest are picked.
  const candidates = ctx.db
    .select({ id: posts.id })
    .from(posts)
    .where(and(publishedWhere(), sql`${words} @@ ${query}`))
    .orderBy(desc(posts.publishedAt))
    .limit(CANDIDATES)
    .as("candidates");
  const rank = sql<number>`ts_rank(${words}, ${query})`;
  return ctx.db
    .select({ ...cardColumns, plainText: posts.plainText, handle: creators.handle, displayName: creators.displayName, rank })
    .from(candidates)
    .innerJoin(posts, eq(posts.id, candidates.id))
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .orderBy(desc(rank), desc(posts.publishedAt))
    .limit(limit);
}

export async function searchPosts(ctx: ServiceContext, rawQuery: string, limit = 20): Promise<SearchHit[]> {
  const queryWords = words(rawQuery.slice(0, MAX_QUERY_LENGTH));
  if (queryWords.length === 0) return [];
  // Each word as a prefix term, ANDed: plainto_tsquery would drop the prefix matching people expect.
  const tsquery = queryWords.map((w) => `${w.replace(/'/g, "''")}:*`).join(" & ");
  const query = sql`to_tsquery('simple', ${tsquery})`;
  const [byBody, byPublicText, viewer] = await Promise.all([
    matches(ctx, posts.searchWords, query, limit * 3),
    matches(ctx, posts.publicSearchWords, query, limit * 3),
    loadAccessViewer(ctx),
  ]);
  const bodyRank = new Map(byBody.map((r) => [r.id, r.rank]));
  const publicRank = new Map(byPublicText.map((r) => [r.id, r.rank]));
  const rows = new Map([...byBody, ...byPublicText].map((r) => [r.id, r]));
  const cards = await presentPosts(ctx, [...rows.values()], viewer);
  return cards
    .map((card) => ({ card, rank: (card.output.locked ? publicRank : bodyRank).get(card.id) }))
    .filter((hit): hit is { card: (typeof cards)[number]; rank: number } => hit.rank !== undefined)
    .sort((a, b) => b.rank - a.rank || (b.card.publishedAt?.getTime() ?? 0) - (a.card.publishedAt?.getTime() ?? 0))
    .slice(0, limit)
    .map(({ card: { output, ...card } }) => {
      const row = rows.get(card.id)!;
      return { ...card, handle: row.handle, displayName: row.displayName, snippet: snippetAround(output.text ?? "", queryWords) };
    });
}
