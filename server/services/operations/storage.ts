// Whether uploads can be stored: the media folder is writable and its disk has room.
import "server-only";
import { constants } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { mediaDirectory } from "../media/storage";

export type StorageStatus = {
  path: string;
  /** "missing": not created yet; the first upload creates it (if its parent is writable). */
  status: "ok" | "missing" | "not_writable";
  freeBytes: number | null;
  totalBytes: number | null;
};

/** The folder itself, or the nearest existing folder above it: the disk an upload would land on. */
async function nearestExisting(folder: string): Promise<string> {
  let current = folder;
  for (;;) {
    try {
      await fs.access(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

async function writable(folder: string): Promise<boolean> {
  try {
    await fs.access(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function storageStatus(folder = mediaDirectory()): Promise<StorageStatus> {
  const existing = await nearestExisting(folder);
  const space = await fs.statfs(existing).catch(() => null);
  const status = existing !== folder ? "missing" : (await writable(folder)) ? "ok" : "not_writable";
  return {
    path: folder,
    // A missing folder is only fine if the one above it lets the first upload create it.
    status: status === "missing" && !(await writable(existing)) ? "not_writable" : status,
    freeBytes: space ? space.bavail * space.bsize : null,
    totalBytes: space ? space.blocks * space.bsize : null,
  };
}
