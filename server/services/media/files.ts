// Media: keeping post_media in step with documents, and serving files only to viewers the access
// policy allows. Receiving an upload is upload.ts.
import "server-only";
import type { Readable } from "node:stream";
import { and, eq, inArray, notInArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, media, postMedia, posts, tiers } from "@/db/schema";
import { isMediaId } from "@/lib/document/media";
import { AppError, AppErrorCode } from "@/lib/errors";
import { decidePostVisibility, readablePostIds } from "../access/policy";
import type { ServiceContext } from "../context";
import { getOwnCreator } from "../creators";
import { contentDisposition } from "./file-names";
import { parseRange } from "./range";
import { collectMediaIds } from "./references";
import { isValidMediaGrant, type MediaGrant } from "./signed-url";
import { mediaStorage, type ByteRange } from "./storage";

export { collectMediaIds } from "./references";
export type { MediaKind, UploadedMedia } from "@/lib/media-rules";

/**
 * Rebuilds which media a post uses from its document (plus e.g. its cover). Ids that are not
 * this creator's media are ignored, so a document cannot claim someone else's files.
 * Call it inside the transaction that saves the post.
 */
export async function syncPostMedia(db: Db, postId: string, creatorId: string, document: unknown, alsoMediaIds: readonly (string | null | undefined)[] = []): Promise<void> {
  const wanted = collectMediaIds(document);
  for (const id of alsoMediaIds) if (id) wanted.add(id);
  const owned =
    wanted.size === 0
      ? []
      : (
          await db
            .select({ id: media.id })
            .from(media)
            .where(and(eq(media.creatorId, creatorId), inArray(media.id, [...wanted])))
        ).map((row) => row.id);
  await db
    .delete(postMedia)
    .where(owned.length ? and(eq(postMedia.postId, postId), notInArray(postMedia.mediaId, owned)) : eq(postMedia.postId, postId));
  if (owned.length) {
    await db.insert(postMedia).values(owned.map((mediaId) => ({ postId, mediaId }))).onConflictDoNothing();
  }
}

/**
 * Checks that `mediaId` is one of this creator's images, for a field that names a cover (a post's,
 * a tier's): a cover becomes public, so it may never be someone else's file or a non-image.
 */
export async function requireOwnCoverImage(db: Db, creatorId: string, mediaId: string, field = "coverMediaId"): Promise<void> {
  const cover = isMediaId(mediaId)
    ? await db.query.media.findFirst({ where: and(eq(media.id, mediaId), eq(media.creatorId, creatorId)), columns: { kind: true } })
    : undefined;
  if (cover?.kind !== "image") {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Choose one of your own images as the cover.", { field });
  }
}

export type MediaResponse = {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: Readable | null;
};

const NO_STORE = "private, no-store";
/** Public-post media may sit in shared caches briefly; short, so a post later gated stops leaking soon. */
const PUBLIC_CACHE = "public, max-age=600";

function mediaNotFound(): AppError {
  // Forbidden and missing look the same: an id reveals nothing about gated or unpublished posts.
  return new AppError(AppErrorCode.NOT_FOUND, "This file does not exist or is not available to you.");
}

type MediaRow = typeof media.$inferSelect;

/**
 * Whether the file is the cover of something the public sees: a post that lists publicly (the
 * policy shows it at least as a teaser to an anonymous viewer; locked posts are listed with "title,
 * teaser, cover, a lock") or a published tier. Only covers chosen by the file's own creator count.
 */
async function isPublicCover(ctx: ServiceContext, row: MediaRow): Promise<boolean> {
  const [tier] = await ctx.db
    .select({ id: tiers.id })
    .from(tiers)
    .where(and(eq(tiers.coverMediaId, row.id), eq(tiers.creatorId, row.creatorId), eq(tiers.status, "published")))
    .limit(1);
  if (tier) return true;
  const [face] = await ctx.db
    .select({ id: creators.id })
    .from(creators)
    .where(and(eq(creators.id, row.creatorId), or(eq(creators.avatarMediaId, row.id), eq(creators.bannerMediaId, row.id))))
    .limit(1);
  if (face) return true;
  const covered = await ctx.db
    .select({ creatorId: posts.creatorId, status: posts.status, access: posts.access, deletedAt: posts.deletedAt, publicAt: posts.publicAt })
    .from(posts)
    .where(and(eq(posts.coverMediaId, row.id), eq(posts.creatorId, row.creatorId)));
  // Listed or not does not depend on the selected tiers (they only decide teaser or full).
  return covered.some((post) => decidePostVisibility(post, null, ctx.now) !== "hidden");
}

/**
 * Who may fetch a file: its creator always; anyone else when it is a public cover (a published
 * tier's, a listed post's, or the creator's own picture or banner), or when a post
 * that uses it is readable to them under the access policy. The answer also decides caching:
 * readable by an anonymous viewer means public; readable only through a membership (or by the
 * creator) means private.
 *
 * NOTE: a cover is public even when the same file also sits in the body of a gated post. The
 * creator chose it as the face of something listed publicly, so it is shown to everyone, like the
 * title; what stays gated is the rest of the gated body.
 */
async function decideMediaAccess(ctx: ServiceContext, row: MediaRow): Promise<"public" | "private" | null> {
  const postIds = (
    await ctx.db.select({ postId: postMedia.postId }).from(postMedia).where(eq(postMedia.mediaId, row.id))
  ).map((r) => r.postId);
  if (postIds.length > 0) {
    const anonymous: ServiceContext = { db: ctx.db, viewer: null, now: ctx.now, creator: null };
    if ((await readablePostIds(anonymous, postIds)).size > 0) return "public";
  }
  // After the body check: most requests are a public post's images, which need no cover lookup.
  if (row.kind === "image" && (await isPublicCover(ctx, row))) return "public";
  const own = await getOwnCreator(ctx);
  if (own?.id === row.creatorId) return "private";
  if (!ctx.viewer || postIds.length === 0) return null;
  return (await readablePostIds({ ...ctx, creator: own }, postIds)).size > 0 ? "private" : null;
}

/** The smallest variant at least `width` wide, else the full-size image. */
function pickRendition(row: MediaRow, width: number | undefined): { key: string; mime: string; size: number } {
  const full = { key: row.storageKey, mime: row.mime, size: row.size };
  if (row.kind !== "image" || !width) return full;
  const fitting = [...row.variants].sort((a, b) => a.width - b.width).find((variant) => variant.width >= width);
  return fitting ? { key: fitting.key, mime: fitting.mime, size: fitting.size } : full;
}

/**
 * Opens a file for the viewer, or throws NOT_FOUND when it is missing or not theirs to see.
 * `range` is the request's Range header (honoured for every kind; players need it to seek).
 */
export async function openMediaForViewer(
  ctx: ServiceContext,
  mediaId: string,
  options: { width?: number; range?: string | null; grant?: MediaGrant } = {},
): Promise<MediaResponse> {
  const row = isMediaId(mediaId) ? await ctx.db.query.media.findFirst({ where: eq(media.id, mediaId) }) : undefined;
  if (!row) throw mediaNotFound();
  // A signed address (from an email the policy let its recipient read) opens the file until it
  // expires, without a session; it is never a reason to cache the file in a shared cache.
  const granted = options.grant && isValidMediaGrant(row.id, options.grant, ctx.now) ? "private" : null;
  const access = granted ?? (await decideMediaAccess(ctx, row));
  if (!access) throw mediaNotFound();

  const rendition = pickRendition(row, options.width);
  const headers: Record<string, string> = {
    "Content-Type": rendition.mime,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": contentDisposition(row.kind, row.originalName),
    // Opened directly, a file runs nothing: no scripts, no plugins, no same-origin privileges.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": access === "public" ? PUBLIC_CACHE : NO_STORE,
    "Accept-Ranges": "bytes",
  };
  const range = parseRange(options.range, rendition.size);
  if (range === "unsatisfiable") {
    return { status: 416, headers: { ...headers, "Content-Range": `bytes */${rendition.size}` }, body: null };
  }
  const slice: ByteRange | undefined = range ?? undefined;
  let body: Readable;
  try {
    body = await mediaStorage().get(rendition.key, slice);
  } catch (error) {
    // A row without its file (lost disk, manual cleanup) is missing to the viewer too.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw mediaNotFound();
    throw error;
  }
  if (slice) {
    headers["Content-Range"] = `bytes ${slice.start}-${slice.end}/${rendition.size}`;
    headers["Content-Length"] = String(slice.end - slice.start + 1);
    return { status: 206, headers, body };
  }
  headers["Content-Length"] = String(rendition.size);
  return { status: 200, headers, body };
}

/** Headers for a refused media request: never cached, so a later-granted viewer is not served the refusal. */
export const MEDIA_REFUSAL_HEADERS = { "Cache-Control": NO_STORE, "X-Content-Type-Options": "nosniff" } as const;
