// Receiving uploads when things go wrong, against a real database and real folders: a wrong or
// oversized file is refused without reading on, an upload is staged beside the stored files and
// kept by a rename, a full disk is a plain 503, and names cannot disguise what a file is.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { media } from "@/db/schema";
import { MEDIA_SIZE_CAPS } from "@/lib/media-rules";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, type TestCreator } from "../../testing/factories";
import { openMediaForViewer } from "./files";
import { STAGING_FOLDER } from "./storage";
import { createMediaFromUpload, STORAGE_FULL_MESSAGE } from "./upload";

const run = promisify(execFile);

let mediaDir: string;
beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), "atelier-upload-test-"));
  process.env.MEDIA_DIR = mediaDir;
});
afterAll(async () => {
  delete process.env.MEDIA_DIR;
  await fs.rm(mediaDir, { recursive: true, force: true });
});

const PDF_HEAD = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n");
const CHUNK = 64 * 1024;

/** A request body that counts what the server pulled from it; `total` bytes at most. */
function counted(total: number, first: Uint8Array = new Uint8Array(0)) {
  const pulled = { bytes: 0 };
  async function* body(): AsyncGenerator<Uint8Array> {
    if (first.byteLength > 0) {
      pulled.bytes += first.byteLength;
      yield first;
    }
    while (pulled.bytes < total) {
      const chunk = new Uint8Array(Math.min(CHUNK, total - pulled.bytes)).fill(0x61);
      pulled.bytes += chunk.byteLength;
      yield chunk;
    }
  }
  return { body: body(), pulled };
}

async function staged(): Promise<string[]> {
  return fs.readdir(path.join(mediaDir, STAGING_FOLDER)).catch(() => []);
}

async function uploadPdf(creator: TestCreator, originalName: string) {
  async function* body() {
    yield PDF_HEAD;
  }
  return createMediaFromUpload(serviceContext({ viewer: creator.user }), { kind: "file", stream: body(), originalName, declaredSize: PDF_HEAD.byteLength });
}

describe("refusing an upload without reading the rest of it", () => {
  it("stops at the first bytes of a wrong-type file, however long it is", async () => {
    const creator = await createCreator(testDb());
    const size = 300 * 1000 * 1000;
    const { body, pulled } = counted(size);
    const error = await caught(
      createMediaFromUpload(serviceContext({ viewer: creator.user }), { kind: "video", stream: body, originalName: "holiday.mp4", declaredSize: size }),
    );
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: "This is not a video we accept. Use MP4, M4V, WebM or MOV." });
    // One network chunk, not 300 MB.
    expect(pulled.bytes).toBe(CHUNK);
    expect(await staged()).toEqual([]);
  });

  it("stops at the cap when no size was announced", async () => {
    const creator = await createCreator(testDb());
    const { body, pulled } = counted(200 * 1024 * 1024, PDF_HEAD);
    const error = await caught(createMediaFromUpload(serviceContext({ viewer: creator.user }), { kind: "file", stream: body, originalName: "huge.pdf" }));
    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "size", message: "This file is too large: the limit is 100 MB." });
    expect(pulled.bytes).toBeGreaterThan(MEDIA_SIZE_CAPS.file);
    expect(pulled.bytes).toBeLessThanOrEqual(MEDIA_SIZE_CAPS.file + CHUNK);
    expect(await staged()).toEqual([]);
    expect(await testDb().select().from(media).where(eq(media.creatorId, creator.id))).toEqual([]);
  });
});

describe("staging", () => {
  it("receives into the media folder and keeps the file by renaming it: one copy on disk, none in the system temp folder", async () => {
    const creator = await createCreator(testDb());
    const tempBefore = new Set(await fs.readdir(os.tmpdir()));
    let seenWhileReceiving: { name: string; inode: number } | null = null;
    async function* body(): AsyncGenerator<Uint8Array> {
      yield PDF_HEAD;
      for (let i = 0; i < 16; i++) yield new Uint8Array(CHUNK).fill(0x20);
      // Everything sent so far is on disk by now: look at where it is.
      const [name, ...others] = await staged();
      expect(others).toEqual([]);
      seenWhileReceiving = { name: name!, inode: (await fs.stat(path.join(mediaDir, STAGING_FOLDER, name!))).ino };
      const newInTemp = (await fs.readdir(os.tmpdir())).filter((entry) => !tempBefore.has(entry) && entry.startsWith("atelier-upload"));
      expect(newInTemp).toEqual([]);
    }
    const uploaded = await createMediaFromUpload(serviceContext({ viewer: creator.user }), { kind: "file", stream: body(), originalName: "zine.pdf" });
    expect(uploaded.size).toBe(PDF_HEAD.byteLength + 16 * CHUNK);
    const [row] = await testDb().select().from(media).where(eq(media.id, uploaded.id));
    const kept = path.join(mediaDir, ...row!.storageKey.split("/"));
    // The same file, moved: its bytes were never copied.
    expect((await fs.stat(kept)).ino).toBe(seenWhileReceiving!.inode);
    expect(await staged()).toEqual([]);
  });

  it("answers a full disk with a 503 in plain words, keeps nothing of the upload, and takes the next one that fits (a real 1 MB tmpfs)", async () => {
    // A private mount namespace lets an unprivileged test mount a real, tiny filesystem as the
    // media folder, so the disk refuses the bytes itself (ENOSPC), not a stand-in for it.
    const disk = await fs.mkdtemp(path.join(os.tmpdir(), "atelier-full-disk-"));
    const script = path.join(import.meta.dirname, "full-disk-upload.child.ts");
    try {
      const { stdout } = await run(
        "unshare",
        ["--user", "--map-root-user", "--mount", "sh", "-c", 'mount -t tmpfs -o size=1m tmpfs "$MEDIA_DIR" && exec "$0" --conditions=react-server --import tsx "$1"', process.execPath, script],
        { env: { ...process.env, MEDIA_DIR: disk }, timeout: 60_000 },
      );
      const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
      expect(result.diskBytes).toBe(1024 * 1024);
      expect(result.tooBig).toEqual({ status: 503, body: { error: { code: "UNAVAILABLE", message: STORAGE_FULL_MESSAGE } } });
      expect(result.leftAfterRefusal).toEqual([]);
      expect(result.small.status).toBe(201);
      expect(result.rows).toEqual([{ name: "note.pdf" }]);
    } finally {
      await fs.rm(disk, { recursive: true, force: true });
    }
  });
});

describe("file names", () => {
  const HIDDEN = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"];

  it("drops the characters that reorder or hide text, so a name cannot show a fake extension", async () => {
    const creator = await createCreator(testDb());
    // Displayed as "invoiceexe.pdf" where the override is honoured.
    const uploaded = await uploadPdf(creator, "invoice\u202Efdp.exe");
    expect(uploaded.name).toBe("invoicefdp.exe");
    const opened = await openMediaForViewer(serviceContext({ viewer: creator.user }), uploaded.id);
    opened.body?.destroy();
    expect(opened.headers["Content-Disposition"]).toBe(`attachment; filename="invoicefdp.exe"; filename*=UTF-8''invoicefdp.exe`);

    const every = await uploadPdf(creator, `a${HIDDEN.join("")}b.pdf`);
    expect(every.name).toBe("ab.pdf");
    // Joiners are letters' business (Persian words, emoji sequences): they stay.
    const joined = await uploadPdf(creator, "می\u200Cخواهم 👩\u200D💻.pdf");
    expect(joined.name).toBe("می\u200Cخواهم 👩\u200D💻.pdf");
  });

  it("cleans names stored before the rule at download time too", async () => {
    const creator = await createCreator(testDb());
    const uploaded = await uploadPdf(creator, "report.pdf");
    await testDb().update(media).set({ originalName: "report\u2067fdp.scr\u2069.pdf" }).where(eq(media.id, uploaded.id));
    const opened = await openMediaForViewer(serviceContext({ viewer: creator.user }), uploaded.id);
    opened.body?.destroy();
    const disposition = opened.headers["Content-Disposition"]!;
    expect(disposition).toBe(`attachment; filename="reportfdp.scr.pdf"; filename*=UTF-8''reportfdp.scr.pdf`);
    for (const character of HIDDEN) expect(disposition).not.toContain(encodeURIComponent(character));
  });
});
