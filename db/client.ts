// The one place that picks the database: PostgreSQL when DATABASE_URL is set, otherwise the
// embedded PGlite in .data/. Opened lazily (next build evaluates modules) and memoised on
// globalThis so dev reloads do not leak pools or open PGlite twice. Also what a database that does
// not answer looks like (an outage, UNAVAILABLE), as opposed to a query that is wrong. Every
// statement of the app's client is timed and traced (./query-timing.ts).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { AppError, AppErrorCode } from "@/lib/errors";
import { databaseEnv } from "./env";
import * as schema from "./schema";
import { acquireEmbeddedLock } from "./embedded-lock";
import { instrumentPglite, instrumentPostgres } from "./query-timing";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

type Handle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void> };

const globalForDb = globalThis as unknown as { atelierDb?: Handle };

export function embeddedDataDir(): string {
  return path.resolve(databaseEnv().ATELIER_DATA_DIR, "pglite");
}

/**
 * How long opening a connection may take before the query waiting for it fails. postgres.js waits
 * 30 s by default, so during an outage on a network that drops packets (rather than refusing) a
 * page took that long to fail. Opening a connection takes milliseconds on a healthy network.
 */
export const CONNECT_TIMEOUT_SECONDS = 2;

/**
 * The wait, in seconds, before the next connection attempt after failed ones. postgres.js grows it
 * to 20 s after a few failures, and queries queue behind it: after a minute's outage, recovery
 * lagged up to 12 s behind PostgreSQL and health checks waited as long. Short and capped, so the
 * app is back within a second of the database; each attempt is one refused or timed-out connect.
 */
function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 0.5);
}

/** postgres.js options shared by every connection the app opens (the pool, migrations). */
export const CONNECTION_OPTIONS = {
  connect_timeout: CONNECT_TIMEOUT_SECONDS,
  backoff: reconnectDelaySeconds,
  onnotice: () => {},
} satisfies postgres.Options<Record<string, never>>;

function open(): Handle {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: poolSize } = databaseEnv();
  if (url) {
    const client = postgres(url, { ...CONNECTION_OPTIONS, max: poolSize });
    instrumentPostgres(client);
    return {
      db: drizzlePostgres(client, { schema, casing: "snake_case" }),
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = embeddedDataDir();
  const release = acquireEmbeddedLock(dir);
  // pg_trgm: typo-tolerant search (migration 0016 creates it; PGlite must have it loaded first).
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  instrumentPglite(client);
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

// Errors that mean "the database did not answer", not "the query was wrong": the driver's own
// connection errors, the socket's, and PostgreSQL's connection-exception class (08), shutting down
// or starting up (57P01-57P03) and out of connection slots (53300).
const DRIVER_CODES = new Set(["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

function isUnanswered(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (DRIVER_CODES.has(code) || SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08")) return true;
  }
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  return error instanceof AggregateError && error.errors.some(isUnanswered);
}

export const DATABASE_UNAVAILABLE_MESSAGE = "Can't reach the server's database right now. Try again in a moment.";

/**
 * UNAVAILABLE (503, "try again soon") when `error`, or an error it wraps (Drizzle wraps every
 * failed query), says the database did not answer; null for anything else, which stays what it
 * was: a bug, or a user's mistake.
 */
export function databaseOutage(error: unknown): AppError | null {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if (current instanceof AppError) return current.code === AppErrorCode.UNAVAILABLE ? current : null;
    if (isUnanswered(current)) return new AppError(AppErrorCode.UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, { cause: error });
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
