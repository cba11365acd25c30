// The creator's media library: their own uploaded images, newest first, a page at a time, for
// pickers (post and tier covers). Only ids, sizes and the thumbnail address: never another's files.
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { media } from "@/db/schema";
import { mediaUrl } from "@/lib/document/media";
import { AppError, AppErrorCode } from "@/lib/errors";
import { mediaImagesInput, type MediaImagesInput } from "@/lib/schemas/media";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";

export const THUMB_WIDTH = 480;

export type LibraryImage = { id: string; width: number | null; height: number | null; thumbUrl: string; createdAt: Date };
export type LibraryImagePage = { items: LibraryImage[]; nextCursor: string | null };

type Cursor = { createdAt: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString("base64url");
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodeCursor(raw: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    // Exactly the form encodeCursor writes: anything looser could reach the ::timestamptz cast and fail there.
    if (typeof createdAt === "string" && CURSOR_TIME.test(createdAt) && !Number.isNaN(Date.parse(createdAt)) && typeof id === "string" && id.length <= 64) {
      return { createdAt, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError(AppErrorCode.INVALID_INPUT, "This page of images is out of date. Go back to the first page.", { field: "cursor" });
}

export async function listOwnImages(ctx: ServiceContext, input: MediaImagesInput = {}): Promise<LibraryImagePage> {
  const creator = ctx.creator ?? (await requireOwnCreator(ctx));
  const data = mediaImagesInput.parse(input);
  const cursor = data.cursor ? decodeCursor(data.cursor) : null;
  // The timestamp travels as text with microseconds, so the next page starts exactly after the last row.
  const createdKey = sql<string>`to_char(${media.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await ctx.db
    .select({ id: media.id, width: media.width, height: media.height, createdAt: media.createdAt, createdKey })
    .from(media)
    .where(
      and(
        eq(media.creatorId, creator.id),
        eq(media.kind, "image"),
        cursor ? sql`(${media.createdAt}, ${media.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id})` : undefined,
      ),
    )
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(data.limit + 1);
  const page = rows.slice(0, data.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ id, width, height, createdAt }) => ({ id, width, height, createdAt, thumbUrl: mediaUrl(id, THUMB_WIDTH) })),
    nextCursor: rows.length > data.limit && last ? encodeCursor({ createdAt: last.createdKey, id: last.id }) : null,
  };
}
