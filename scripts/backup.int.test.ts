// `npm run backup` and `npm run restore` as an operator runs them: a site with a published post and
// its image is backed up, restored into a new database, media folder and data folder, and the
// restored site serves the post and its image, and signs with the same secret.
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { serviceContext, testDb } from "@/test/db";
import { openMediaForViewer } from "../server/services/media/files";
import { createMediaFromUpload } from "../server/services/media/upload";
import { getReadablePost } from "../server/services/posts/reads";
import { createCreator, createPost } from "../server/testing/factories";
import { LAYOUT } from "./backup-layout";

const run = promisify(execFile);

let scratch: string;
let admin: postgres.Sql;
let restoredDatabase: string;
let restoredClient: postgres.Sql | undefined;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-backup-test-"));
  const base = new URL(process.env.DATABASE_URL!);
  restoredDatabase = `${base.pathname.slice(1)}_restored`;
  base.pathname = "/postgres";
  admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await restoredClient?.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists "${restoredDatabase}" with (force)`);
  await admin.end({ timeout: 5 });
  delete process.env.MEDIA_DIR;
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** One of the two scripts, in its own process, as `npm run` starts it. */
async function script(name: "backup" | "restore" | "migrate", args: string[], env: Record<string, string | undefined>) {
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", `scripts/${name}.ts`, ...args], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return stdout;
}

async function refusedScript(name: "backup" | "restore", args: string[], env: Record<string, string | undefined>): Promise<string> {
  const failure = await script(name, args, env).then(
    () => null,
    (error: { stderr: string; code: number }) => error,
  );
  expect(failure?.code).toBe(1);
  return failure!.stderr.trim();
}

describe("backup and restore", () => {
  it("brings back the database, the media files and the secret: the restored site serves the post with its image", async () => {
    const sourceMedia = path.join(scratch, "media");
    process.env.MEDIA_DIR = sourceMedia;
    const db = testDb();
    const creator = await createCreator(db);
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#2a6f97" } }).png().toBuffer();
    async function* body() {
      yield photo;
    }
    const image = await createMediaFromUpload(serviceContext({ viewer: creator.user }), { kind: "image", stream: body(), originalName: "harbour.png" });
    const post = await createPost(db, {
      creator,
      title: "Harbour at dawn",
      publish: true,
      access: "public",
      document: { type: "doc", content: [{ type: "image", attrs: { mediaId: image.id, alt: "The harbour" } }] },
    });
    const original = await buffer((await openMediaForViewer(serviceContext(), image.id)).body!);

    const backup = path.join(scratch, "backup");
    const said = await script("backup", [backup], { MEDIA_DIR: sourceMedia });
    expect(said).toContain(`Backed up to ${backup}`);
    expect(fs.readFileSync(path.join(backup, LAYOUT.secret), "utf8").trim()).toBe(process.env.AUTH_SECRET);
    expect(fs.statSync(path.join(backup, LAYOUT.secret)).mode & 0o777).toBe(0o600);

    // A new machine: an empty database, no media, no secret of its own yet.
    await admin.unsafe(`create database "${restoredDatabase}"`);
    const restoredUrl = new URL(process.env.DATABASE_URL!);
    restoredUrl.pathname = `/${restoredDatabase}`;
    const fresh = { DATABASE_URL: restoredUrl.toString(), MEDIA_DIR: path.join(scratch, "restored-media"), ATELIER_DATA_DIR: path.join(scratch, "restored-data") };
    // A different AUTH_SECRET is refused before anything is written.
    expect(await refusedScript("restore", [backup], { ...fresh, AUTH_SECRET: "a-brand-new-secret" })).toMatch(/^AUTH_SECRET is not the secret of this backup/);
    expect(fs.existsSync(fresh.MEDIA_DIR)).toBe(false);

    await script("restore", [backup], { ...fresh, AUTH_SECRET: "" });
    expect(fs.readFileSync(path.join(fresh.ATELIER_DATA_DIR, "auth-secret"), "utf8")).toBe(process.env.AUTH_SECRET);

    restoredClient = postgres(fresh.DATABASE_URL, { max: 2, onnotice: () => {} });
    const restored: Db = drizzle(restoredClient, { schema, casing: "snake_case" });
    process.env.MEDIA_DIR = fresh.MEDIA_DIR;
    const anonymous = serviceContext({ db: restored });
    const page = await getReadablePost(anonymous, creator.handle, post.slug);
    expect(page?.title).toBe("Harbour at dawn");
    expect(page?.html).toContain(`/api/media/${image.id}`);
    const served = await openMediaForViewer(anonymous, image.id);
    expect(served.status).toBe(200);
    expect((await buffer(served.body!)).equals(original)).toBe(true);
    const small = await openMediaForViewer(anonymous, image.id, { width: 480 });
    expect((await sharp(await buffer(small.body!)).metadata()).width).toBe(480);

    // Never over what is there: the same restore again is refused.
    expect(await refusedScript("restore", [backup], { ...fresh, AUTH_SECRET: "" })).toMatch(/is not empty\. Restore into a new one/);
  }, 120_000);

  it("copies the embedded database only while no app process has it open, and restores it into a new data folder", async () => {
    const source = { DATABASE_URL: "", ATELIER_DATA_DIR: path.join(scratch, "embedded-data"), MEDIA_DIR: path.join(scratch, "embedded-media") };
    await script("migrate", [], source);

    // The app holding the database: a copy now could catch PGlite mid-write.
    const app = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", `import { acquireEmbeddedLock } from "./db/embedded-lock.ts"; acquireEmbeddedLock(${JSON.stringify(path.join(source.ATELIER_DATA_DIR, "pglite"))}); console.log("open"); setInterval(() => {}, 1000);`],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await once(app.stdout!, "data");
      const backup = path.join(scratch, "embedded-backup");
      expect(await refusedScript("backup", [backup], source)).toContain(`is open in another process (pid ${app.pid} on`);
      expect(fs.existsSync(backup)).toBe(false);
      app.kill("SIGKILL");
      await once(app, "exit");

      expect(await script("backup", [backup], source)).toContain("pglite/ (embedded)");
      const target = { DATABASE_URL: "", ATELIER_DATA_DIR: path.join(scratch, "embedded-restored"), MEDIA_DIR: path.join(scratch, "embedded-restored-media") };
      await script("restore", [backup], target);
      const restored = new PGlite(path.join(target.ATELIER_DATA_DIR, "pglite"));
      try {
        const { rows } = await restored.query<{ applied: number }>("select count(*)::int as applied from drizzle.__drizzle_migrations");
        expect(rows[0]!.applied).toBe(fs.readdirSync("db/migrations").filter((file) => file.endsWith(".sql")).length);
      } finally {
        await restored.close();
      }
    } finally {
      app.kill("SIGKILL");
    }
  }, 120_000);
});
