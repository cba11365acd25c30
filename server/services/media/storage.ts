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
  /**
   * A new, empty local file to receive an upload into before it is checked. On local disk it sits
   * beside the stored files, so keeping it is a rename, not a second copy of the same bytes.
   */
  stagingFile(): Promise<string>;
  /** Stores a file made by `stagingFile` under `key`; the staged file is gone afterwards. */
  putStaged(key: string, stagedFile: string): Promise<void>;
  get(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
}

/** The folder of uploads being received, inside the media folder. Keys never start with a dot. */
export const STAGING_FOLDER = ".incoming";
/** A staged file nobody wrote to for this long belongs to an upload that died with its process. */
const ABANDONED_STAGING_MS = 60 * 60 * 1000;

/** Keys are ours (`creator/media/name`); anything else is a bug, not a path to follow. */
function assertKey(key: string): void {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/.test(key) || key.split("/").some((part) => part === ".." || part === ".")) {
    throw new Error(`Invalid media storage key: ${key}`);
  }
}

export class LocalDiskStorage implements MediaStorage {
  private stagingSwept = false;

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

  async stagingFile(): Promise<string> {
    const folder = path.join(this.root, STAGING_FOLDER);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    if (!this.stagingSwept) {
      this.stagingSwept = true;
      await this.sweepStaging(folder, Date.now());
    }
    return path.join(folder, `${randomUUID()}.upload`);
  }

  async putStaged(key: string, stagedFile: string): Promise<void> {
    if (path.dirname(stagedFile) !== path.join(this.root, STAGING_FOLDER)) throw new Error(`Not a staged upload: ${stagedFile}`);
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(stagedFile, target);
  }

  /**
   * Once per process: a process killed mid-upload leaves its staged file behind, and only a new
   * process can tell (a live upload keeps writing, so its file is never this old).
   */
  private async sweepStaging(folder: string, now: number): Promise<void> {
    for (const name of await fs.readdir(folder).catch(() => [])) {
      const file = path.join(folder, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && now - stat.mtimeMs > ABANDONED_STAGING_MS) await fs.rm(file, { force: true });
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

/** Errors of a disk (or quota) with no room left: the operator's problem, not the uploader's. */
const NO_ROOM = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);

export function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && NO_ROOM.has(code);
}
