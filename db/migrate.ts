// Applies the committed drizzle-kit migrations; run before the app serves and by the test harness.
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import postgres from "postgres";
import { databaseKind, getDb, type Schema } from "./client";
import { databaseEnv } from "./env";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** The advisory lock key every Atelier process migrates under ("ATLR" in ASCII). */
const MIGRATION_LOCK_KEY = 0x41544c52;

let applied: Promise<void> | undefined;

/** Idempotent per process: concurrent callers share one run. */
export function migrateDatabase(): Promise<void> {
  applied ??= (async () => {
    if (databaseKind() === "pglite") {
      // One process owns the embedded folder (client.ts holds its lock file): nobody to race.
      await migratePglite(getDb() as PgliteDatabase<Schema>, { migrationsFolder });
    } else {
      await migratePostgresOnce(databaseEnv().DATABASE_URL!);
    }
  })();
  return applied;
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
  const connection = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzle(connection), { migrationsFolder });
    await connection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    // Ending the session also releases the lock if a migration failed while holding it.
    await connection.end({ timeout: 5 });
  }
}
