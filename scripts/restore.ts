// `npm run restore -- <backup folder>`: puts a backup made by `npm run backup` back, into a new
// empty database (DATABASE_URL, or the embedded one in ATELIER_DATA_DIR) and an empty media
// folder, with the secret that signed the links already sent. It never writes over anything.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { embeddedDataDir } from "../db/client";
import { acquireEmbeddedLock } from "../db/embedded-lock";
import { env } from "../server/env";
import { mediaDirectory } from "../server/services/media/storage";
import { countFiles, isEmptyFolder, LAYOUT, readManifest, runPostgresTool, type Manifest } from "./backup-layout";

/**
 * The app must sign with the backup's secret: with another, every unsubscribe link and emailed
 * media address already sent stops working, and everyone is signed out. Production reads it from
 * AUTH_SECRET; development from its file in the data folder, which is written here.
 */
function restoreSecret(folder: string): string {
  const secret = fs.readFileSync(path.join(folder, LAYOUT.secret), "utf8").trim();
  const { AUTH_SECRET, ATELIER_DATA_DIR } = env();
  if (AUTH_SECRET) {
    if (AUTH_SECRET !== secret) {
      throw new Error(
        `AUTH_SECRET is not the secret of this backup: links in emails already sent would stop working. Set AUTH_SECRET to the content of ${path.join(folder, LAYOUT.secret)}.`,
      );
    }
    return "AUTH_SECRET matches the backup's";
  }
  const developmentSecret = path.resolve(ATELIER_DATA_DIR, "auth-secret");
  if (fs.existsSync(developmentSecret) && fs.readFileSync(developmentSecret, "utf8").trim() !== secret) {
    throw new Error(`${developmentSecret} holds another secret. Move it away first; the backup's secret goes there.`);
  }
  fs.mkdirSync(path.dirname(developmentSecret), { recursive: true });
  fs.writeFileSync(developmentSecret, secret, { mode: 0o600 });
  return `written to ${developmentSecret}; in production, set AUTH_SECRET to it instead`;
}

async function isEmptyDatabase(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ tables: number }[]>`
      select count(*)::int as tables from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`;
    return row!.tables === 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function restoreDatabase(folder: string, manifest: Manifest): Promise<string> {
  const url = env().DATABASE_URL;
  if (manifest.database === "postgres") {
    if (!url) throw new Error("This backup is of a PostgreSQL database: set DATABASE_URL to a new, empty database (createdb first).");
    if (!(await isEmptyDatabase(url))) throw new Error("The database at DATABASE_URL is not empty. Restore into a new one (createdb first).");
    // One transaction: a restore that fails leaves the database empty, ready to try again.
    await runPostgresTool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", path.join(folder, LAYOUT.databaseDump)], url);
    return "PostgreSQL (pg_restore)";
  }
  if (url) throw new Error("This backup is of the embedded database: unset DATABASE_URL to restore it into ATELIER_DATA_DIR.");
  const dir = embeddedDataDir();
  const release = acquireEmbeddedLock(dir);
  try {
    if (!isEmptyFolder(dir)) throw new Error(`${dir} already holds a database. Restore into a new ATELIER_DATA_DIR.`);
    fs.cpSync(path.join(folder, LAYOUT.embeddedDatabase), dir, { recursive: true });
  } finally {
    release();
  }
  return `embedded (${dir})`;
}

async function main() {
  const argument = process.argv[2];
  if (!argument) throw new Error("Name the backup folder: npm run restore -- <folder>");
  const folder = path.resolve(argument);
  const manifest = readManifest(folder);
  const mediaFolder = mediaDirectory();
  // Everything is checked before anything is written.
  if (!isEmptyFolder(mediaFolder)) throw new Error(`The media folder ${mediaFolder} is not empty. Restore into a new one (MEDIA_DIR).`);
  const secret = restoreSecret(folder);
  const database = await restoreDatabase(folder, manifest);
  fs.cpSync(path.join(folder, LAYOUT.media), mediaFolder, { recursive: true });
  const media = countFiles(mediaFolder);
  if (media.files !== manifest.media.files) throw new Error(`Only ${media.files} of the backup's ${manifest.media.files} media files were copied to ${mediaFolder}.`);

  console.log(`Restored the backup of ${manifest.createdAt}:`);
  console.log(`  database   ${database}`);
  console.log(`  media      ${media.files} files into ${mediaFolder}`);
  console.log(`  secret     ${secret}`);
  console.log("Start the app as usual: it applies any migrations newer than the backup.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
