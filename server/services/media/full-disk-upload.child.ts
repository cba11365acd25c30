// Run by upload.int.test.ts in a private mount namespace whose MEDIA_DIR is a 1 MB tmpfs: a real
// disk with no room. Uploads a file larger than the disk, then a small one, and prints as JSON
// what the uploader was answered and what the disk holds afterwards.
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { media } from "@/db/schema";
import { errorResponse } from "@/server/http/errors";
import { createCreator } from "@/server/testing/factories";
import { serviceContext } from "@/test/db";
import { mediaDirectory } from "./storage";
import { createMediaFromUpload } from "./upload";

const MB = 1024 * 1024;

async function* pdf(size: number): AsyncGenerator<Uint8Array> {
  const head = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
  yield head;
  for (let sent = head.byteLength; sent < size; sent += 64 * 1024) yield new Uint8Array(Math.min(64 * 1024, size - sent)).fill(0x20);
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

async function answer(upload: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await upload;
    return { status: 201, body: null };
  } catch (error) {
    const response = errorResponse(error);
    return { status: response.status, body: await response.json() };
  }
}

async function main() {
  const db = getDb();
  const creator = await createCreator(db);
  const ctx = serviceContext({ viewer: creator.user });
  const tooBig = await answer(createMediaFromUpload(ctx, { kind: "file", stream: pdf(3 * MB), originalName: "book.pdf", declaredSize: 3 * MB }));
  const leftAfterRefusal = await filesUnder(mediaDirectory());
  const small = await answer(createMediaFromUpload(ctx, { kind: "file", stream: pdf(100 * 1024), originalName: "note.pdf", declaredSize: 100 * 1024 }));
  const rows = await db.select({ name: media.originalName }).from(media).where(eq(media.creatorId, creator.id));
  const disk = await fs.statfs(mediaDirectory());
  console.log(JSON.stringify({ tooBig, leftAfterRefusal, small, rows, diskBytes: disk.blocks * disk.bsize }));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
