// A creator's archive (`/{handle}/posts`): its input, and its filters as its address carries them.
import { z } from "zod";
import { postsByCreatorInput } from "./post";
import { POST_KINDS } from "./post-library";
import { text } from "./text";

/** A page of a creator's archive: after the post its cursor names, or the newest; narrowed by any filter given. */
export const postArchiveInput = postsByCreatorInput
  .extend({
    cursor: text().max(400).optional(),
    /** A tag's slug. */
    tag: text().max(200).optional(),
    /** A collection's slug. */
    collection: text().max(200).optional(),
    kind: z.enum(POST_KINDS).optional(),
    /** Only the posts the viewer may read whole. */
    unlocked: z.boolean().optional(),
  })
  .strict();

/** The archive's filters from its address (`?tag=&collection=&type=&unlocked=1`); anything unknown is ignored. */
export function archiveFilters(query: Record<string, string | string[] | undefined>): ArchiveFilters {
  const one = (key: string) => (typeof query[key] === "string" && query[key].length <= 200 ? (query[key] as string) : undefined);
  const kind = one("type");
  return {
    tag: one("tag") || undefined,
    collection: one("collection") || undefined,
    kind: (POST_KINDS as readonly string[]).includes(kind ?? "") ? (kind as ArchiveFilters["kind"]) : undefined,
    unlocked: one("unlocked") === "1" || undefined,
  };
}

export type ArchiveFilters = Pick<z.infer<typeof postArchiveInput>, "tag" | "collection" | "kind" | "unlocked">;

/** The archive's address with these filters (and a cursor, for an older page). */
export function archiveHref(handle: string, filters: ArchiveFilters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.collection) params.set("collection", filters.collection);
  if (filters.kind) params.set("type", filters.kind);
  if (filters.unlocked) params.set("unlocked", "1");
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return `/${handle}/posts${query ? `?${query}` : ""}`;
}
