// Where media bytes live, behind a small interface: local disk by default, so an object store
// (S3-compatible) can take its place without touching the pipeline or the serving route.
import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { env } from "../../env";

/** Inclusive byte range, as HTTP Range requests name them. */
export type ByteRange = { start: number; end: number };

export interface MediaStorage {
  put(key: string, stream: Readable | AsyncIterable<Uint8Array> | Uint8Array): Promise<void>;
  get(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
}

/** Keys are ours (`creator/media/name`); anything else is a bug, not a path to follow. */
function assertKey(key: string): void {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/.test(key) || key.split("/").some((part) => part === ".." || part === ".")) {
    throw new Error(`Invalid media storage key: ${key}`);
  }
}

export class LocalDiskStorage implements MediaStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, stream: Readable | AsyncIterable<Uint8Array> | Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write beside the target and rename, so a reader never sees half a file.
    const partial = `${target}.${randomUUID()}.partial`;
    try {
      const source = stream instanceof Uint8Array ? Readable.from([stream]) : stream;
      await pipeline(source, createWriteStream(partial, { flags: "wx" }));
      await fs.rename(partial, target);
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    // Open first so a missing file rejects here rather than erroring mid-response.
    const handle = await fs.open(file, "r");
    return createReadStream(file, { fd: handle, start: range?.start, end: range?.end });
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

/** `MEDIA_DIR`, else `media` inside the app's data folder. */
export function mediaDirectory(): string {
  const { MEDIA_DIR, ATELIER_DATA_DIR } = env();
  // A folder named at run time, outside the app's own files: nothing for the build to trace.
  return path.resolve(/*turbopackIgnore: true*/ MEDIA_DIR ?? path.join(ATELIER_DATA_DIR, "media"));
}

const globalForStorage = globalThis as unknown as { atelierMediaStorage?: LocalDiskStorage };

/** The configured storage, made once per process (and again if the folder setting changes). */
export function mediaStorage(): MediaStorage {
  const root = mediaDirectory();
  if (globalForStorage.atelierMediaStorage?.root !== root) globalForStorage.atelierMediaStorage = new LocalDiskStorage(root);
  return globalForStorage.atelierMediaStorage;
}
