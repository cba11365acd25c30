// The one place that picks the database: PostgreSQL when DATABASE_URL is set, otherwise the
// embedded PGlite in .data/. Opened lazily (next build evaluates modules) and memoised on
// globalThis so dev reloads do not leak pools or open PGlite twice.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { databaseEnv } from "./env";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

type Handle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void> };

const globalForDb = globalThis as unknown as { atelierDb?: Handle };

export function embeddedDataDir(): string {
  return path.resolve(databaseEnv().ATELIER_DATA_DIR, "pglite");
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(pid: number, dir: string) {
    super(
      `The embedded database in ${dir} is open in another process (pid ${pid}). ` +
        "Stop that process first, or set DATABASE_URL to use a PostgreSQL server.",
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite corrupts its folder when two processes open it, so the owner holds a lock file with its
 * pid. A lock left by a dead process is taken over; a live one is refused with a clear error.
 */
function acquireEmbeddedLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(path.dirname(dir), "pglite.lock");
  const release = () => {
    try {
      if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (owner === process.pid) return release;
      if (Number.isFinite(owner) && isAlive(owner)) throw new EmbeddedDatabaseBusyError(owner, dir);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the embedded database lock in ${dir}.`);
}

function open(): Handle {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: poolSize } = databaseEnv();
  if (url) {
    const client = postgres(url, {
      max: poolSize,
      onnotice: () => {},
    });
    return {
      db: drizzlePostgres(client, { schema, casing: "snake_case" }),
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = embeddedDataDir();
  const release = acquireEmbeddedLock(dir);
  const client = new PGlite(dir);
  return {
    db: drizzlePglite(client, { schema, casing: "snake_case" }),
    kind: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}

function handle(): Handle {
  globalForDb.atelierDb ??= open();
  return globalForDb.atelierDb;
}

export function getDb(): Db {
  return handle().db;
}

export function databaseKind(): Handle["kind"] {
  return handle().kind;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.atelierDb;
  globalForDb.atelierDb = undefined;
  await current?.close();
}
