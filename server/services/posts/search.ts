// Post search on PostgreSQL full-text (posts_search_idx over title and plain text). A viewer who
// may not read a post matches it only by what they could see anyway (its title and teaser), and
// every snippet is cut from policy-filtered text: a search can never reveal a gated word.
import { and, desc, eq, sql } from "drizzle-orm";
import { creators, posts } from "@/db/schema";
import { loadAccessViewer } from "../access/policy";
import type { ServiceContext } from "../context";
import { cardColumns, presentPosts, publishedWhere, teaserOf, type PostCard } from "./reads";

export type SearchHit = PostCard & { handle: string; displayName: string; snippet: string };

const MAX_QUERY_LENGTH = 200;

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

export async function searchPosts(ctx: ServiceContext, rawQuery: string, limit = 20): Promise<SearchHit[]> {
  const queryWords = words(rawQuery.slice(0, MAX_QUERY_LENGTH));
  if (queryWords.length === 0) return [];
  // Each word as a prefix term, ANDed: plainto_tsquery would drop the prefix matching people expect.
  const tsquery = queryWords.map((w) => `${w.replace(/'/g, "''")}:*`).join(" & ");
  const document = sql`to_tsvector('simple', ${posts.title} || ' ' || ${posts.plainText})`;
  const query = sql`to_tsquery('simple', ${tsquery})`;
  const rows = await ctx.db
    .select({
      ...cardColumns,
      handle: creators.handle,
      displayName: creators.displayName,
      plainText: posts.plainText,
      // What a viewer without access can see: the title and the teaser, and nothing else.
      publicMatch: sql<boolean>`to_tsvector('simple', ${posts.title} || ' ' || case
        when ${posts.teaserMode} = 'none' then ''
        when ${posts.teaserMode} = 'auto' and ${cardColumns.hasPaywallBreak} then regexp_replace(${posts.teaserHtml}, '<[^>]*>', ' ', 'g')
        else ${posts.previewText} end) @@ ${query}`,
    })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(and(publishedWhere(), sql`${document} @@ ${query}`))
    .orderBy(desc(sql`ts_rank(${document}, ${query})`), desc(posts.publishedAt))
    .limit(limit * 3);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const cards = await presentPosts(ctx, rows, await loadAccessViewer(ctx));
  return cards
    .filter((card) => card.visibility === "full" || byId.get(card.id)!.publicMatch)
    .slice(0, limit)
    .map(({ visibility, ...card }) => {
      const row = byId.get(card.id)!;
      const visibleText = visibility === "full" ? row.plainText : teaserOf(row).text;
      return { ...card, handle: row.handle, displayName: row.displayName, snippet: snippetAround(visibleText, queryWords) };
    });
}
