// The app's schema on a client of its own that remembers every statement sent through it, for
// tests that count or plan what a service sends. Close it after the file's tests.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { CONNECTION_OPTIONS, type Db } from "@/db/client";
import { databaseEnv } from "@/db/env";
import * as schema from "@/db/schema";

export type Statement = { sql: string; params: unknown[] };

export type CapturingDb = {
  db: Db;
  /** The raw client, for statements of the test's own (EXPLAIN, transactions). */
  client: postgres.Sql;
  /** Statements sent since the last `reset()`. */
  statements(): Statement[];
  reset(): void;
  close(): Promise<void>;
};

/** On this run's database, or on the one at `url`. */
export function capturingDb(url: string = databaseEnv().DATABASE_URL!): CapturingDb {
  const client = postgres(url, { ...CONNECTION_OPTIONS, max: 2 });
  let captured: Statement[] = [];
  const db = drizzle(client, {
    schema,
    casing: "snake_case",
    logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
  }) as unknown as Db;
  return {
    db,
    client,
    statements: () => captured,
    reset: () => {
      captured = [];
    },
    close: () => client.end({ timeout: 5 }),
  };
}
