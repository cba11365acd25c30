// Receiving an upload: streamed into the media folder's staging area, refused as soon as its first
// bytes show the wrong type or its size passes the cap, then processed by kind and kept with a
// rename. A full disk is the server's fault and says so; nothing of a refused upload is kept.
import "server-only";
import fs from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { uuidv7 } from "uuidv7";
import { media, type MediaVariant } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { isMediaKind, MEDIA_SIZE_CAPS, MEDIA_UPLOAD_RATE, tooLargeMessage, type MediaKind, type UploadedMedia } from "@/lib/media-rules";
import { log } from "../../observability/log";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { consumeRateLimit } from "../rate-limit";
import { audioDurationSeconds } from "./audio";
import { cleanFileName } from "./file-names";
import { ImageRefusal, processImage } from "./image";
import { SNIFF_BYTES, sniffUpload } from "./sniff";
import { isStorageFull, mediaStorage } from "./storage";

export type UploadInput = {
  kind: string;
  /** The raw file body; a web ReadableStream or a Node stream are both async iterables. */
  stream: AsyncIterable<Uint8Array>;
  originalName: string;
  /** The Content-Length the client announced, if any: lets a too-large upload fail before reading. */
  declaredSize?: number | null;
};

export const STORAGE_FULL_MESSAGE = "The server's storage is full; your file was not saved. Try again later.";

function refuse(message: string, field = "file"): AppError {
  return new AppError(AppErrorCode.INVALID_INPUT, message, { field });
}

type Format = { ext: string; mime: string };

async function sniffed(kind: MediaKind, head: Uint8Array): Promise<Format> {
  const result = await sniffUpload(kind, head.subarray(0, SNIFF_BYTES));
  if (!result.ok) throw refuse(result.message);
  return { ext: result.ext, mime: result.mime };
}

/** FileHandle.write may write part of a chunk (a nearly full disk does): write the rest too. */
async function writeAll(handle: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  for (const chunk of chunks) {
    for (let offset = 0; offset < chunk.byteLength; ) offset += (await handle.write(chunk, offset)).bytesWritten;
  }
}

/**
 * Streams the body into `file`. The first bytes are held back until they tell the type, so a
 * wrong file is refused after a few kilobytes; the running count refuses an oversized one at its
 * cap whatever length was announced. Returning from the loop early stops reading the request.
 */
async function receive(stream: AsyncIterable<Uint8Array>, kind: MediaKind, file: string): Promise<{ size: number; format: Format }> {
  const cap = MEDIA_SIZE_CAPS[kind];
  const handle = await fs.open(file, "wx", 0o600);
  let size = 0;
  let held: Uint8Array[] = [];
  let format: Format | null = null;
  try {
    for await (const chunk of stream) {
      size += chunk.byteLength;
      if (size > cap) throw refuse(tooLargeMessage(kind), "size");
      if (format) {
        await writeAll(handle, [chunk]);
        continue;
      }
      held.push(chunk);
      if (size < SNIFF_BYTES) continue;
      format = await sniffed(kind, Buffer.concat(held));
      await writeAll(handle, held);
      held = [];
    }
    if (size === 0) throw refuse("This file is empty.");
    if (!format) {
      format = await sniffed(kind, Buffer.concat(held));
      await writeAll(handle, held);
    }
  } finally {
    await handle.close();
  }
  return { size, format };
}

type Stored = Pick<
  typeof media.$inferInsert,
  "storageKey" | "mime" | "size" | "width" | "height" | "durationSeconds" | "blurDataUrl" | "variants"
> & { width: number | null; height: number | null; durationSeconds: number | null; blurDataUrl: string | null };

/** Processes the received file by kind and stores what we keep; `written` collects keys for cleanup. */
async function store(kind: MediaKind, file: string, size: number, format: Format, keyBase: string, written: string[]): Promise<Stored> {
  const storage = mediaStorage();
  if (kind === "image") {
    let image;
    try {
      image = await processImage(file);
    } catch (error) {
      if (error instanceof ImageRefusal) throw refuse(error.message);
      throw error;
    }
    const variants: MediaVariant[] = [];
    for (const variant of image.variants) {
      const key = `${keyBase}/${variant.name}`;
      written.push(key);
      await storage.put(key, variant.data);
      variants.push({ key, width: variant.width, height: variant.height, mime: variant.mime, size: variant.data.byteLength });
    }
    const storageKey = `${keyBase}/${image.main.name}`;
    written.push(storageKey);
    await storage.put(storageKey, image.main.data);
    return {
      storageKey,
      mime: image.main.mime,
      size: image.main.data.byteLength,
      width: image.width,
      height: image.height,
      durationSeconds: null,
      blurDataUrl: image.blurDataUrl,
      variants,
    };
  }
  let durationSeconds: number | null = null;
  if (kind === "audio") {
    try {
      durationSeconds = await audioDurationSeconds(file, format.mime);
    } catch {
      throw refuse("This audio file could not be read. It may be damaged; try exporting it again.");
    }
  }
  const storageKey = `${keyBase}/original.${format.ext}`;
  written.push(storageKey);
  await storage.putStaged(storageKey, file);
  return { storageKey, mime: format.mime, size, width: null, height: null, durationSeconds, blurDataUrl: null, variants: [] };
}

/**
 * Receives one upload for the viewer's creator page: caps its size while streaming, decides its
 * type from its bytes, re-encodes images (no metadata survives), measures audio, and stores it.
 */
export async function createMediaFromUpload(ctx: ServiceContext, input: UploadInput): Promise<UploadedMedia> {
  const creator = await requireOwnCreator(ctx);
  const { kind } = input;
  if (!isMediaKind(kind)) throw refuse("Choose what to upload: an image, audio, video or file.", "kind");
  if (input.declaredSize != null && input.declaredSize > MEDIA_SIZE_CAPS[kind]) {
    throw refuse(tooLargeMessage(kind, input.declaredSize), "size");
  }
  const limit = await consumeRateLimit(ctx.db, `media:upload:${creator.id}`, MEDIA_UPLOAD_RATE, ctx.now);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new AppError(AppErrorCode.RATE_LIMITED, `You have uploaded a lot in a short time. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const name = cleanFileName(input.originalName);
  const storage = mediaStorage();
  const written: string[] = [];
  let staged: string | null = null;
  try {
    staged = await storage.stagingFile();
    const { size, format } = await receive(input.stream, kind, staged);
    const id = uuidv7();
    const stored = await store(kind, staged, size, format, `${creator.id}/${id}`, written);
    await ctx.db.insert(media).values({ id, creatorId: creator.id, kind, originalName: name, createdAt: ctx.now, ...stored });
    written.length = 0;
    return {
      id,
      kind,
      mime: stored.mime,
      size: stored.size,
      width: stored.width,
      height: stored.height,
      durationSeconds: stored.durationSeconds,
      blurDataUrl: stored.blurDataUrl,
      name,
    };
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    // The uploader can do nothing about it; whoever runs the server must, so it is logged too.
    log.error({ err: error, kind }, "an upload could not be stored: no room left on the media storage");
    throw new AppError(AppErrorCode.UNAVAILABLE, STORAGE_FULL_MESSAGE, { cause: error });
  } finally {
    // A refused or failed upload leaves nothing: not its staged bytes, not what was stored of it.
    if (staged) await fs.rm(staged, { force: true });
    await Promise.all(written.map((key) => storage.delete(key).catch(() => {})));
  }
}
