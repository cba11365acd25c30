// Names the e2e run's own PostgreSQL database. Shared by playwright.config.ts (which picks the name
// once, in the runner process, so the test workers inherit it) and scripts/e2e-server.ts (which
// creates it, serves the app on it and drops it). No app imports here.

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const E2E_DATABASE_PREFIX = "atelier_e2e_";

/** The server where e2e databases are created (any database on it; used for CREATE/DROP only). */
export function serverUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** A new, unique database URL on the test server: atelier_e2e_<timestamp>_<random>. */
export function newDatabaseUrl(now = Date.now()): string {
  const random = Math.random().toString(16).slice(2, 10).padEnd(8, "0");
  return withDatabase(serverUrl(), `${E2E_DATABASE_PREFIX}${now}_${random}`);
}

/** The URL this run's workers and server use; set by playwright.config.ts before anything starts. */
export function e2eDatabaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set. Run the e2e suite with `npm run test:e2e`.");
  return url;
}
