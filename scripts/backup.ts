// `npm run backup [-- <folder>]`: everything a restore needs, in one new folder (by default
// backups/atelier-<time>): the database (pg_dump of DATABASE_URL, or the embedded database's
// files, which needs the app stopped), the media folder, and AUTH_SECRET. Run it with the app's
// own environment. The folder holds the secret: keep it where only you can read it.
import fs from "node:fs";
import path from "node:path";
import { embeddedDataDir } from "../db/client";
import { acquireEmbeddedLock } from "../db/embedded-lock";
import { env } from "../server/env";
import { mediaDirectory, STAGING_FOLDER } from "../server/services/media/storage";
import { BACKUP_FORMAT, countFiles, isEmptyFolder, LAYOUT, runPostgresTool, type Manifest } from "./backup-layout";

/**
 * The secret sessions, unsubscribe links and emailed media addresses were signed with: AUTH_SECRET,
 * or the one development keeps in the data folder (server/auth/secret.ts). Never a new one: a
 * backup with another secret would restore a site where every link already sent is broken.
 */
function currentSecret(): string {
  const { AUTH_SECRET, ATELIER_DATA_DIR } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  const developmentSecret = path.resolve(ATELIER_DATA_DIR, "auth-secret");
  if (fs.existsSync(developmentSecret)) return fs.readFileSync(developmentSecret, "utf8").trim();
  throw new Error("AUTH_SECRET is not set (and no development secret exists). Run the backup with the same environment as the app.");
}

function defaultFolder(now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  return path.resolve("backups", `atelier-${stamp}`);
}

async function backUpDatabase(folder: string): Promise<Manifest["database"]> {
  const url = env().DATABASE_URL;
  if (url) {
    // Custom format: compressed, and pg_restore can restore it into a database of another owner.
    await runPostgresTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${path.join(folder, LAYOUT.databaseDump)}`], url);
    return "postgres";
  }
  // PGlite's files are consistent only when no process has them open: the lock refuses while the
  // app runs, and keeps it from starting during the copy.
  const dir = embeddedDataDir();
  const release = acquireEmbeddedLock(dir);
  try {
    fs.cpSync(dir, path.join(folder, LAYOUT.embeddedDatabase), { recursive: true });
  } finally {
    release();
  }
  return "embedded";
}

async function main() {
  const now = new Date();
  const folder = path.resolve(process.argv[2] ?? defaultFolder(now));
  if (!isEmptyFolder(folder)) throw new Error(`${folder} already exists and is not empty: choose a new folder.`);
  const secret = currentSecret();
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  let manifest: Manifest;
  try {
    // The database first: a file uploaded meanwhile is then in the copy without a row (harmless),
    // never a row without its file. Stored files never change once written.
    const database = await backUpDatabase(folder);
    const mediaFolder = mediaDirectory();
    const mediaCopy = path.join(folder, LAYOUT.media);
    fs.mkdirSync(mediaCopy);
    if (fs.existsSync(mediaFolder)) {
      // Uploads still being received are not media yet.
      fs.cpSync(mediaFolder, mediaCopy, { recursive: true, filter: (source) => path.basename(source) !== STAGING_FOLDER });
    }
    fs.writeFileSync(path.join(folder, LAYOUT.secret), `${secret}\n`, { mode: 0o600 });
    manifest = { format: BACKUP_FORMAT, createdAt: now.toISOString(), database, media: countFiles(mediaCopy) };
    // Written last: a folder with a manifest is a whole backup.
    fs.writeFileSync(path.join(folder, LAYOUT.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const { database } = manifest;

  console.log(`Backed up to ${folder}:`);
  console.log(`  database   ${database === "postgres" ? `${LAYOUT.databaseDump} (pg_dump)` : `${LAYOUT.embeddedDatabase}/ (embedded)`}`);
  console.log(`  media      ${manifest.media.files} files, ${(manifest.media.bytes / 1e6).toFixed(1)} MB`);
  console.log(`  secret     ${LAYOUT.secret} (AUTH_SECRET: keep this folder private)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
