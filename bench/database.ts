// The bench database: created fresh for each run on the configured server, counted while the app
// runs (transactions per request, from pg_stat_database), and dropped at the end.
import postgres from "postgres";
import { sleep } from "./processes";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const BENCH_DATABASE_PREFIX = "atelier_bench_";
/** Databases left by runs that were killed before their cleanup; old enough to be nobody's. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

export function serverUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_URL;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export type BenchDatabase = {
  name: string;
  url: string;
  /** Committed transactions so far, once no connection is open (backends flush stats on exit). */
  committedTransactions: () => Promise<number>;
  /**
   * Committed transactions as flushed so far while connections are open: a busy backend flushes
   * its counters about once a second, an idle one within about ten seconds.
   */
  committedTransactionsNow: () => Promise<number>;
  drop: () => Promise<void>;
};

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const url = serverUrl();
  const host = new URL(url).hostname;
  // NOTE: the benchmark only ever talks to this machine.
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") {
    throw new Error(`The bench database must be local (127.0.0.1), not ${host}.`);
  }
  const admin = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new Error(
      `The benchmark needs PostgreSQL at ${host} (${(error as Error).message}). ` +
        "Set BENCH_DATABASE_URL to a server where this user may create databases.",
    );
  }

  const now = Date.now();
  const stale = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like ${`${BENCH_DATABASE_PREFIX}%`}`;
  for (const { datname } of stale) {
    const stamp = Number(datname.slice(BENCH_DATABASE_PREFIX.length));
    if (Number.isFinite(stamp) && now - stamp > ABANDONED_AFTER_MS) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  }

  const name = `${BENCH_DATABASE_PREFIX}${now}`;
  // The name is ours ([a-z0-9_] only), so quoting it is enough.
  await admin.unsafe(`create database "${name}"`);

  const commitsNow = async () => {
    await admin`select pg_stat_clear_snapshot()`;
    const [row] = await admin<{ commits: string }[]>`
      select xact_commit::text as commits from pg_stat_database where datname = ${name}`;
    return Number(row?.commits ?? Number.NaN);
  };

  let dropped = false;
  return {
    name,
    url: withDatabase(url, name),
    async committedTransactions() {
      // Wait until the app's pool is gone, so every backend has flushed its counters.
      for (let attempt = 0; attempt < 50; attempt++) {
        const [row] = await admin<{ backends: number }[]>`
          select count(*)::int as backends from pg_stat_activity where datname = ${name}`;
        if (row?.backends === 0) break;
        await sleep(100);
      }
      return commitsNow();
    },
    committedTransactionsNow: commitsNow,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        // FORCE: a server that did not close its pool in time must not keep the database alive.
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}
