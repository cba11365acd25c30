// `npm run bench`: the anonymous public post page of the production build under load, against a
// bare Next.js app serving the same article (bench/baseline), so every figure reads as a ratio
// to the framework's own floor. Local only (127.0.0.1); everything it starts it also stops.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { benchArticle, seedBenchDatabase, writeBaselineArticle, type SeededPost } from "./dataset";
import { createBenchDatabase, type BenchDatabase } from "./database";
import { measure, type LoadOptions, type Measurement } from "./load";
import {
  cpuSecondsOf,
  freePort,
  listeningProcess,
  ROOT,
  sleep,
  startNext,
  stopChild,
  waitForHttp,
  waitForSuccess,
  type Child,
} from "./processes";
import { consoleReport, markdownReport, ratios } from "./report";
import { SNAPSHOT_DIR, snapshotHasBuild, takeSnapshot, type Snapshot } from "./snapshot";

const BASELINE_DIR = path.join(ROOT, "bench/baseline");
const RESULTS_DIR = path.join(ROOT, "bench/results");
const LOG_DIR = path.join(RESULTS_DIR, "logs");
/** Only for this benchmark's throwaway server; never a real secret. */
const AUTH_SECRET = "atelier-bench-only-secret-not-for-production-0123456789";

const numberFromEnv = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}.`);
  return value;
};

const load: LoadOptions = {
  connections: numberFromEnv("BENCH_CONNECTIONS", 50),
  durationSeconds: numberFromEnv("BENCH_DURATION", 15),
  warmupRequests: numberFromEnv("BENCH_WARMUP_REQUESTS", 500),
  maxBackgroundCpuPercent: numberFromEnv("BENCH_MAX_BACKGROUND_CPU", 30, 0),
  quietWaitSeconds: numberFromEnv("BENCH_QUIET_WAIT", 180, 0),
};
const TIMEOUT_SECONDS = numberFromEnv("BENCH_TIMEOUT", 2400);
const LOAD_AVERAGE_AT_START = os.loadavg();
/** Reuse the previous run's builds (the article is the same every run; the page checks prove it). */
const skipBuild =
  process.env.BENCH_SKIP_BUILD === "1" && snapshotHasBuild() && fs.existsSync(path.join(ROOT, "bench/baseline/.next/BUILD_ID"));

const log = (message: string) => console.log(`[bench] ${message}`);

/** Undo steps, run last-in first-out exactly once, whether the run succeeds, fails or times out. */
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      await step().catch((error: unknown) => console.error(`[bench] cleanup: ${(error as Error).message}`));
    }
  })();
  return cleaning;
}

const track = (child: Child) => {
  cleanups.push(() => stopChild(child));
  return child;
};

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  return env;
};

async function build(name: string, cwd: string, env: NodeJS.ProcessEnv, timeoutSeconds: number): Promise<number> {
  const started = Date.now();
  log(`${name}…`);
  const child = track(startNext(name, ["build"], { cwd, env, logFile: path.join(LOG_DIR, `${name.replaceAll(" ", "-")}.log`) }));
  await waitForSuccess(child, timeoutSeconds * 1000);
  const seconds = (Date.now() - started) / 1000;
  log(`${name}: ${seconds.toFixed(0)} s`);
  return seconds;
}

type Server = { child: Child; port: number; pid: number; url: (p: string) => string; readinessResponses: number };

async function serve(name: string, cwd: string, env: NodeJS.ProcessEnv, readyPath: string): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const child = track(startNext(name, ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd, env, logFile }));
  const url = (p: string) => `http://127.0.0.1:${port}${p}`;
  const readinessResponses = await waitForHttp(url(readyPath), child, 60_000);
  return { child, port, pid: listeningProcess(child.pid, port), url, readinessResponses };
}

type PageCheck = { status: number; bytes: number; cacheControl: string | null; nextCache: string | null };

/** We measure the real page: a 200 that carries the whole article, not a 404 or an error page. */
async function checkPage(url: string, title: string, html: string): Promise<PageCheck> {
  const response = await fetch(url, { redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}, not 200.`);
  if (!body.includes(html)) throw new Error(`${url} does not contain the article's HTML.`);
  if (!body.includes(title)) throw new Error(`${url} does not contain the article's title.`);
  return {
    status: response.status,
    bytes: Buffer.byteLength(body),
    cacheControl: response.headers.get("cache-control"),
    nextCache: response.headers.get("x-nextjs-cache"),
  };
}

type Measured = { measurement: Measurement; page: PageCheck };

/** How long the app server is watched idle after its run, to tell its background work apart. */
const IDLE_WINDOW_SECONDS = 10;
/** An idle PostgreSQL backend flushes its counters within about ten seconds. */
const STATS_FLUSH_SECONDS = 11;

type AppDatabaseUse = {
  /** Transactions committed in the bench database while the app server ran (start to stop). */
  transactions: number;
  /** Requests the server answered in that time (readiness, page check, warm-up, run). */
  requests: number;
  serverSeconds: number;
  /** Background work with no request at all (the job runner polling), per second. */
  idleTransactionsPerSecond: number;
  /** Server CPU while idle, percent of one core. */
  idleServerCpuPercent: number;
  /** (transactions − idle rate × server time) / requests: what one page view costs the database. */
  transactionsPerRequest: number;
};

/**
 * The post page on a fresh `next start`, and what it asks of the database: transactions counted
 * by pg_stat_database over the server's life, less the background rate measured while it idles.
 */
async function measureApp(database: BenchDatabase, seeded: SeededPost, env: NodeJS.ProcessEnv) {
  const { title, html } = benchArticle();
  const commitsBefore = await database.committedTransactions();
  const startedAt = performance.now();
  const server = await serve("app", SNAPSHOT_DIR, env, seeded.path);
  const page = await checkPage(server.url(seeded.path), title, html);
  log(`app ready (pid ${server.pid}): GET ${seeded.path} is ${page.bytes} bytes, cache-control ${page.cacheControl}`);
  const measurement = await measure({ name: "app", url: server.url(seeded.path), pid: server.pid }, load);

  log(`app: watching the idle server for ${STATS_FLUSH_SECONDS + IDLE_WINDOW_SECONDS} s (background database work)`);
  await sleep(STATS_FLUSH_SECONDS * 1000);
  const idleCommits = await database.committedTransactionsNow();
  const idleCpu = cpuSecondsOf(server.pid);
  await sleep(IDLE_WINDOW_SECONDS * 1000);
  const idleServerCpuPercent = (100 * (cpuSecondsOf(server.pid) - idleCpu)) / IDLE_WINDOW_SECONDS;
  const idleTransactionsPerSecond = ((await database.committedTransactionsNow()) - idleCommits) / IDLE_WINDOW_SECONDS;

  await stopChild(server.child);
  const serverSeconds = (performance.now() - startedAt) / 1000;
  const transactions = (await database.committedTransactions()) - commitsBefore;
  const requests = server.readinessResponses + 1 + measurement.requestsSent;
  const use: AppDatabaseUse = {
    transactions,
    requests,
    serverSeconds: Math.round(serverSeconds),
    idleTransactionsPerSecond,
    idleServerCpuPercent: Math.round(idleServerCpuPercent * 10) / 10,
    transactionsPerRequest: (transactions - idleTransactionsPerSecond * serverSeconds) / requests,
  };
  return { measurement, page, database: use };
}

async function measureBaseline(route: "/uncached" | "/cached"): Promise<Measured> {
  const { title, html } = benchArticle();
  const server = await serve(`baseline${route.replace("/", "-")}`, BASELINE_DIR, baseEnv(), route);
  const page = await checkPage(server.url(route), title, html);
  log(`baseline ${route} ready (pid ${server.pid}): ${page.bytes} bytes, x-nextjs-cache ${page.nextCache}`);
  const measurement = await measure({ name: `baseline ${route}`, url: server.url(route), pid: server.pid }, load);
  await stopChild(server.child);
  return { measurement, page };
}

async function main() {
  const startedAt = new Date();
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const article = benchArticle();
  const htmlBytes = Buffer.byteLength(article.html);
  log(`dataset: "${article.title}", ${article.words} words, ${htmlBytes} bytes of HTML`);
  log(`load: ${load.connections} connections, ${load.durationSeconds} s per target, ${load.warmupRequests} warm-up requests`);

  // 1. A fresh database with the article published through the app's own services.
  const database = await createBenchDatabase();
  cleanups.push(() => database.drop());
  log(`database ${database.name}`);
  process.env.DATABASE_URL = database.url;
  cleanups.push(() => closeDb());
  await migrateDatabase();
  const seeded = await seedBenchDatabase(getDb());
  await closeDb();
  delete process.env.DATABASE_URL;
  // The app renders and stores HTML at save time; the baseline must serve exactly those bytes.
  if (seeded.html !== article.html) throw new Error("The stored post HTML differs from the generated article HTML.");
  writeBaselineArticle();

  // 2. Production builds of both apps; the app from a snapshot of the working tree.
  const appEnv = { ...baseEnv(), DATABASE_URL: database.url, AUTH_SECRET };
  let snapshot: Snapshot | null = null;
  if (skipBuild) {
    log(`BENCH_SKIP_BUILD=1: serving the previous builds (app in ${SNAPSHOT_DIR})`);
  } else {
    snapshot = takeSnapshot();
    log(
      `snapshot of the working tree in ${SNAPSHOT_DIR}: ${snapshot.files} files, ` +
        `commit ${snapshot.commit} + ${snapshot.uncommittedChanges} uncommitted changes`,
    );
  }
  const builds = {
    skipped: skipBuild,
    appSeconds: skipBuild ? null : await build("app build", SNAPSHOT_DIR, appEnv, 900),
    baselineSeconds: skipBuild ? null : await build("baseline build", BASELINE_DIR, baseEnv(), 300),
  };

  // 3. One target at a time, each on a fresh server, so they share neither the two cores nor a heap.
  const app = await measureApp(database, seeded, appEnv);
  const uncached = await measureBaseline("/uncached");
  const cached = await measureBaseline("/cached");

  // 4. Report.
  const report = { app: app.measurement, baselineUncached: uncached.measurement, baselineCached: cached.measurement, appPath: seeded.path };
  const finishedAt = new Date();
  const output = {
    command: "npm run bench",
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      next: (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")) as { version: string }).version,
      loadAverageAtStart: LOAD_AVERAGE_AT_START,
    },
    load,
    dataset: { title: article.title, words: article.words, htmlBytes, path: seeded.path },
    code: snapshot,
    builds,
    pages: { app: app.page, baselineUncached: uncached.page, baselineCached: cached.page },
    app: { ...app.measurement, database: app.database },
    baselineUncached: uncached.measurement,
    baselineCached: cached.measurement,
    ratios: {
      appToBaselineUncached: ratios(app.measurement, uncached.measurement),
      appToBaselineCached: ratios(app.measurement, cached.measurement),
    },
  };
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), `${JSON.stringify(output, null, 2)}\n`);

  console.log(`\n${consoleReport(report)}\n`);
  const db = app.database;
  console.log(
    `app database use (pg_stat_database): ${db.transactionsPerRequest.toFixed(2)} transactions per page view; ` +
      `idle server: ${db.idleTransactionsPerSecond.toFixed(1)} transactions/s, ${db.idleServerCpuPercent}% of a core ` +
      `(${db.transactions} transactions, ${db.requests} requests, ${db.serverSeconds} s)`,
  );
  console.log(`\n--- Markdown for BENCHMARKS.md ---\n\n${markdownReport(report)}\n`);
  log(`wrote bench/results/latest.json; wall time ${output.wallSeconds} s`);
}

const deadline = setTimeout(() => {
  console.error(`[bench] gave up after ${TIMEOUT_SECONDS} s (BENCH_TIMEOUT); cleaning up.`);
  void cleanUp().finally(() => process.exit(1));
}, TIMEOUT_SECONDS * 1000);

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: cleaning up.`);
    void cleanUp().finally(() => process.exit(1));
  });
}

main()
  .then(async () => {
    await cleanUp();
    clearTimeout(deadline);
  })
  .catch(async (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanUp();
    clearTimeout(deadline);
    process.exitCode = 1;
  });
