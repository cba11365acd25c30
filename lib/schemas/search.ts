// The search box and its refinements: plain words, narrowed by creator, kind of post, tag and
// date, sorted by relevance or date; and the same as a page's address carries them.
import { z } from "zod";
import { POST_KINDS } from "./post-library";
import { text } from "./text";

export const SEARCH_SORTS = ["relevance", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** How far back a search looks, by the date a post was published. */
export const SEARCH_PERIODS = { week: 7, month: 31, year: 366 } as const;
export type SearchPeriod = keyof typeof SEARCH_PERIODS;
const PERIOD_KEYS = Object.keys(SEARCH_PERIODS) as [SearchPeriod, ...SearchPeriod[]];

export const SEARCH_PERIOD_LABELS: Record<SearchPeriod, string> = { week: "Past week", month: "Past month", year: "Past year" };

export const MAX_SEARCH_QUERY = 200;

export const searchInput = z
  .object({
    q: text().max(MAX_SEARCH_QUERY, `Keep the search under ${MAX_SEARCH_QUERY} characters.`),
    /** Only this creator's posts (a handle, with or without @). */
    creator: text().trim().max(64).optional(),
    kind: z.enum(POST_KINDS).optional(),
    /** A tag, by its name or slug, on any creator's posts. */
    tag: text().trim().max(200).optional(),
    since: z.enum(PERIOD_KEYS).optional(),
    sort: z.enum(SEARCH_SORTS).default("relevance"),
    cursor: text().max(400).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export type SearchInput = z.input<typeof searchInput>;
export type SearchRefinements = Pick<z.infer<typeof searchInput>, "creator" | "kind" | "tag" | "since" | "sort">;

/** The search from a page's address (`?q=&creator=&type=&tag=&since=&sort=&cursor=`); anything unknown is ignored. */
export function searchFromQuery(query: Record<string, string | string[] | undefined>): { q: string; cursor?: string } & SearchRefinements {
  const one = (key: string, max = 200) => (typeof query[key] === "string" && query[key].length <= max ? (query[key] as string) : undefined);
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[]) => (allowed as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
  return {
    q: (typeof query.q === "string" ? query.q : "").slice(0, MAX_SEARCH_QUERY),
    creator: one("creator", 64)?.replace(/^@/, "").toLowerCase() || undefined,
    kind: pick(one("type"), POST_KINDS),
    tag: one("tag") || undefined,
    since: pick(one("since"), PERIOD_KEYS),
    sort: pick(one("sort"), SEARCH_SORTS) ?? "relevance",
    cursor: one("cursor", 400) || undefined,
  };
}

/** The search page's address for this search (and a cursor, for a further page). */
export function searchHref(q: string, refinements: Partial<SearchRefinements>, cursor?: string): string {
  const params = new URLSearchParams({ q });
  if (refinements.creator) params.set("creator", refinements.creator);
  if (refinements.kind) params.set("type", refinements.kind);
  if (refinements.tag) params.set("tag", refinements.tag);
  if (refinements.since) params.set("since", refinements.since);
  if (refinements.sort && refinements.sort !== "relevance") params.set("sort", refinements.sort);
  if (cursor) params.set("cursor", cursor);
  return `/search?${params.toString()}`;
}
