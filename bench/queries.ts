// Statements per page view, read off the counting proxy: a batch of sequential requests to one
// page, the app pool's statements during it, less what the idle server runs on its own.
import type { PgProxy, StatementCounts } from "./pg-proxy";

/** The app's pool (postgres.js's default application_name); the job runner's is "atelier-jobs". */
export const APP_POOL = "postgres.js";

const TRANSACTION_CONTROL = /^(begin|commit|rollback|savepoint|release)\b/i;

export type QueryCount = {
  name: string;
  views: number;
  /** Every Execute and simple Query, per view, background subtracted. */
  statementsPerView: number;
  /** The same without begin/commit/rollback/savepoint: the queries proper. */
  queriesPerView: number;
  /** Per distinct SQL text (shortened), per view, most frequent first. */
  bySql: Array<{ sql: string; perView: number }>;
};

const shorten = (sql: string) => (sql.length > 120 ? `${sql.slice(0, 117)}…` : sql);

function difference(after: StatementCounts, before: StatementCounts): StatementCounts {
  const bySql = new Map<string, number>();
  for (const [sql, count] of after.bySql) {
    const delta = count - (before.bySql.get(sql) ?? 0);
    if (delta > 0) bySql.set(sql, delta);
  }
  return { total: after.total - before.total, bySql };
}

/** Statements the app pool runs per second with no request at all, over `seconds`. */
export async function idleStatementsPerSecond(proxy: PgProxy, seconds: number): Promise<number> {
  const before = proxy.counts(APP_POOL);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return (proxy.counts(APP_POOL).total - before.total) / seconds;
}

/**
 * Waits until the app pool has run nothing for `quietMs`: when a load run stops, the server is
 * still working through the requests queued behind its last ones, and those must not be counted.
 */
async function settle(proxy: PgProxy, quietMs = 2_000, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = proxy.counts(APP_POOL).total;
  for (let quietSince = Date.now(); Date.now() - quietSince < quietMs; ) {
    if (Date.now() > deadline) throw new Error("The app kept querying the database; cannot count one page's statements.");
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = proxy.counts(APP_POOL).total;
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}

/**
 * `views` sequential GETs of `url` (each checked by `check`), counting the app pool's statements.
 * Sequential, so nothing else is in flight and every statement belongs to one of these views.
 */
export async function countQueries(
  name: string,
  proxy: PgProxy,
  url: string,
  headers: Record<string, string>,
  views: number,
  idlePerSecond: number,
  check: (status: number, body: string) => void,
): Promise<QueryCount> {
  await settle(proxy);
  const before = proxy.counts(APP_POOL);
  const started = performance.now();
  for (let view = 0; view < views; view++) {
    const response = await fetch(url, { headers, redirect: "manual" });
    check(response.status, await response.text());
  }
  const seconds = (performance.now() - started) / 1000;
  const counted = difference(proxy.counts(APP_POOL), before);
  const background = idlePerSecond * seconds;
  let control = 0;
  for (const [sql, count] of counted.bySql) if (TRANSACTION_CONTROL.test(sql)) control += count;
  return {
    name,
    views,
    statementsPerView: (counted.total - background) / views,
    queriesPerView: (counted.total - control - background) / views,
    bySql: [...counted.bySql]
      .sort((a, b) => b[1] - a[1])
      .map(([sql, count]) => ({ sql: shorten(sql), perView: count / views })),
  };
}
