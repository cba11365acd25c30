// What a backup folder holds, shared by `npm run backup` and `npm run restore`: the database,
// the media files and the secret that signed every link already sent, with a manifest saying
// which database it came from. Also how the PostgreSQL tools are called without a password on
// their command line (where any user of the machine could read it).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

export const BACKUP_FORMAT = 1;

export const LAYOUT = {
  manifest: "manifest.json",
  /** pg_dump's custom format, for pg_restore. */
  databaseDump: "database.dump",
  /** The embedded database's folder, copied while no process had it open. */
  embeddedDatabase: "pglite",
  media: "media",
  secret: "auth-secret",
} as const;

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: "postgres" | "embedded";
  media: { files: number; bytes: number };
};

export function readManifest(folder: string): Manifest {
  const file = path.join(folder, LAYOUT.manifest);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  } catch {
    throw new Error(`${folder} is not a backup made by \`npm run backup\`: it has no readable ${LAYOUT.manifest}.`);
  }
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`This backup has format ${manifest.format}; this version restores format ${BACKUP_FORMAT}.`);
  return manifest;
}

/** Files under `folder` (recursively), and their total size. */
export function countFiles(folder: string): { files: number; bytes: number } {
  if (!fs.existsSync(folder)) return { files: 0, bytes: 0 };
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/** Whether `folder` is missing or empty: a restore never writes over anything. */
export function isEmptyFolder(folder: string): boolean {
  return !fs.existsSync(folder) || fs.readdirSync(folder).length === 0;
}

const run = promisify(execFile);

/**
 * Runs pg_dump or pg_restore against `databaseUrl`. The password travels in PGPASSWORD, not in
 * the arguments; the tools' own words are kept when they fail.
 */
export async function runPostgresTool(tool: "pg_dump" | "pg_restore", args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    await run(tool, [...args, `--dbname=${url.toString()}`], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === "ENOENT") {
      throw new Error(`${tool} was not found. Install the PostgreSQL client tools (the same major version as the server or newer), e.g. \`apt-get install postgresql-client\`.`);
    }
    throw new Error(`${tool} failed:\n${(failure.stderr ?? failure.message).trim()}`);
  }
}
