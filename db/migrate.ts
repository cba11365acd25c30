// Applies the committed drizzle-kit migrations; run before the app serves and by the test harness.
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { databaseKind, getDb, type Schema } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

let applied: Promise<void> | undefined;

/** Idempotent per process: concurrent callers share one run. */
export function migrateDatabase(): Promise<void> {
  applied ??= (async () => {
    const db = getDb();
    if (databaseKind() === "pglite") {
      await migratePglite(db as PgliteDatabase<Schema>, { migrationsFolder });
    } else {
      await migratePostgres(db as PostgresJsDatabase<Schema>, { migrationsFolder });
    }
  })();
  return applied;
}
