// Applies the committed drizzle-kit migrations; run before the app serves and by the test harness.
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import postgres from "postgres";
import { CONNECTION_OPTIONS, databaseKind, getDb, type Schema } from "./client";
import { databaseEnv } from "./env";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** The advisory lock key every Atelier process migrates under ("ATLR" in ASCII). */
const MIGRATION_LOCK_KEY = 0x41544c52;

// NOTE: on globalThis, not in module variables: Next.js bundles instrumentation (which migrates)
// and the route handlers (health asks whether it did) separately, each with its own copy of this
// module.
const globalForMigrations = globalThis as unknown as { atelierMigrations?: { running?: Promise<void>; done: boolean } };

function state() {
  globalForMigrations.atelierMigrations ??= { done: false };
  return globalForMigrations.atelierMigrations;
}

/**
 * Idempotent per process: concurrent callers share one run, and once it succeeded later calls
 * return at once. A failed run is forgotten, so the next call tries again (the database may have
 * been down at start-up and answer now).
 */
export function migrateDatabase(): Promise<void> {
  const current = state();
  if (current.done) return Promise.resolve();
  current.running ??= applyMigrations().then(
    () => {
      current.done = true;
    },
    (error: unknown) => {
      current.running = undefined;
      throw error;
    },
  );
  return current.running;
}

/** Whether this process has brought the schema up to date; until then it cannot serve. */
export function migrationsApplied(): boolean {
  return state().done;
}

async function applyMigrations(): Promise<void> {
  if (databaseKind() === "pglite") {
    // One process owns the embedded folder (client.ts holds its lock file): nobody to race.
    await migratePglite(getDb() as PgliteDatabase<Schema>, { migrationsFolder });
  } else {
    await migratePostgresOnce(databaseEnv().DATABASE_URL!);
  }
}

/**
 * Applies the pending migrations to the PostgreSQL database at `url`, safe when several
 * processes start together: each waits for the advisory lock, and whoever comes after the first
 * finds nothing left to apply. Without it, replicas starting together race to create the same
 * schema and tables, and all but one fail to start.
 *
 * NOTE: the lock belongs to a session, so the lock and the migrations share one connection of
 * their own, apart from the app's pool (which may be a single connection). PgBouncer in
 * transaction mode does not keep session locks: migrate over a direct connection there.
 */
export async function migratePostgresOnce(url: string): Promise<void> {
  const connection = postgres(url, { ...CONNECTION_OPTIONS, max: 1 });
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzle(connection), { migrationsFolder });
    await connection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    // Ending the session also releases the lock if a migration failed while holding it.
    await connection.end({ timeout: 5 });
  }
}
