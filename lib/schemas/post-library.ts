// Inputs of the studio's posts library: search, filters, sort and cursor, bulk actions; and the
// mapping between those filters and the page's URL, so a reload or a shared link keeps them.
import { z } from "zod";
import type { PostKind } from "../document/teaser";
import { postIdSchema, tagNameSchema } from "./post";
import { accessLevelSchema, type AccessLevel } from "./post-access";
import { instantSchema, isTimeZone, zonedWallTimeToUtc } from "./post-lifecycle";
import { text } from "./text";

export const LIBRARY_STATUSES = ["draft", "scheduled", "published", "archived"] as const;
export type LibraryStatus = (typeof LIBRARY_STATUSES)[number];

export const POST_KINDS = ["text", "image", "gallery", "audio", "video", "attachment"] as const satisfies readonly PostKind[];

/** What a reader or a creator calls each kind of post. */
export const POST_KIND_LABELS: Record<(typeof POST_KINDS)[number], string> = {
  text: "Text",
  image: "Image",
  gallery: "Gallery",
  audio: "Audio",
  video: "Video",
  attachment: "Attachment",
};

/** `date` is the date a creator thinks of: published → when it went out, scheduled → when it will, else last edit. */
export const LIBRARY_SORTS = ["date_desc", "date_asc", "updated_desc", "title_asc"] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export const LIBRARY_PAGE_SIZE = 25;
export const MAX_BULK_POSTS = 100;

export const libraryListInput = z
  .object({
    q: text().trim().max(200, "Keep the search under 200 characters.").optional(),
    status: z.array(z.enum(LIBRARY_STATUSES)).max(LIBRARY_STATUSES.length).optional(),
    kind: z.array(z.enum(POST_KINDS)).max(POST_KINDS.length).optional(),
    tagIds: z.array(postIdSchema).max(20).optional(),
    /** Who can read the posts. */
    access: z.array(accessLevelSchema).max(accessLevelSchema.options.length).optional(),
    /** Inclusive lower and exclusive upper bound on the post's date (see LIBRARY_SORTS). */
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    sort: z.enum(LIBRARY_SORTS).default("date_desc"),
    cursor: text().max(400).optional(),
    limit: z.number().int().min(1).max(100).default(LIBRARY_PAGE_SIZE),
    /** The trash instead of the library: posts deleted in the last 30 days. */
    trashed: z.boolean().default(false),
  })
  .strict();
export type LibraryListInput = z.input<typeof libraryListInput>;

const bulkIds = z
  .array(postIdSchema)
  .min(1, "Select at least one post.")
  .max(MAX_BULK_POSTS, `Select at most ${MAX_BULK_POSTS} posts at a time.`);

export const bulkPostsInput = z.object({ ids: bulkIds }).strict();
export const bulkAddTagInput = z.object({ ids: bulkIds, tag: tagNameSchema }).strict();

// --- URL search params <-> filters --------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What the URL carries; anything unknown or malformed is dropped. Dates are the days the creator
 * picked (inclusive), with the zone they picked them in, so a reload or shared link means the same.
 */
export type LibraryParams = {
  q?: string;
  status?: LibraryStatus;
  kind?: (typeof POST_KINDS)[number];
  access?: AccessLevel;
  tag?: string;
  from?: string;
  to?: string;
  tz?: string;
  sort?: LibrarySort;
  cursor?: string;
};

type SearchParams = Record<string, string | string[] | undefined>;

function single(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.length <= 400 ? text : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}

function day(value: string | undefined): string | undefined {
  return value && DAY.test(value) ? value : undefined;
}

/** A hand-edited or outdated URL shows the unfiltered library rather than an error page. */
export function parseLibraryParams(params: SearchParams): LibraryParams {
  const q = single(params, "q")?.trim().slice(0, 200);
  const tag = single(params, "tag");
  const tz = single(params, "tz");
  return {
    q: q || undefined,
    status: oneOf(LIBRARY_STATUSES, single(params, "status")),
    kind: oneOf(POST_KINDS, single(params, "kind")),
    access: oneOf(accessLevelSchema.options, single(params, "access")),
    tag: tag && postIdSchema.safeParse(tag).success ? tag : undefined,
    from: day(single(params, "from")),
    to: day(single(params, "to")),
    tz: tz && isTimeZone(tz) ? tz : undefined,
    sort: oneOf(LIBRARY_SORTS, single(params, "sort")),
    cursor: single(params, "cursor"),
  };
}

/** The first instant of `date` (YYYY-MM-DD) in `timeZone`, or of the day after it. */
export function startOfDayIn(date: string, timeZone: string, dayAfter = false): Date | undefined {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1, d + (dayAfter ? 1 : 0))).toISOString().slice(0, 10);
  // Where clocks jump at midnight, the day starts at one.
  for (const time of ["00:00", "01:00"]) {
    const instant = zonedWallTimeToUtc(`${target}T${time}`, timeZone);
    if (instant instanceof Date) return instant;
  }
  return undefined;
}

export function libraryParamsToInput(params: LibraryParams, trashed = false): LibraryListInput {
  const tz = params.tz ?? "UTC";
  return {
    q: params.q,
    status: params.status ? [params.status] : undefined,
    kind: params.kind ? [params.kind] : undefined,
    access: params.access ? [params.access] : undefined,
    tagIds: params.tag ? [params.tag] : undefined,
    from: params.from ? startOfDayIn(params.from, tz) : undefined,
    to: params.to ? startOfDayIn(params.to, tz, true) : undefined,
    sort: params.sort,
    cursor: params.cursor,
    trashed,
  };
}

/** The query string for `params` (without "?"); defaults are left out to keep URLs short. */
export function libraryParamsToSearch(params: LibraryParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.status) search.set("status", params.status);
  if (params.kind) search.set("kind", params.kind);
  if (params.access) search.set("access", params.access);
  if (params.tag) search.set("tag", params.tag);
  if (params.from) search.set("from", params.from);
  if (params.to) search.set("to", params.to);
  if ((params.from || params.to) && params.tz) search.set("tz", params.tz);
  if (params.sort && params.sort !== "date_desc") search.set("sort", params.sort);
  if (params.cursor) search.set("cursor", params.cursor);
  return search.toString();
}

/** The library's address for `params`. */
export function libraryHref(params: LibraryParams): string {
  const search = libraryParamsToSearch(params);
  return `/studio/posts${search ? `?${search}` : ""}`;
}
