// `npm run bench`: the production build under load, each figure beside a floor from the same run.
// The public post page against a bare Next.js app serving the same article (bench/baseline), and
// against itself with logging, metrics and traces on (bench/observability.ts); the gated post for
// an anonymous viewer and a paid member against the public post, with statements per view counted
// on the wire; autosave round trips of many creators against a trivial route; the editor's
// JavaScript and time to editable in Chromium. Writes bench/results/latest.json and the Results
// section of BENCHMARKS.md. Local only (127.0.0.1); everything it starts it also stops.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import type { Browser } from "@playwright/test";
import { analyticsMarkdown, measureIngest, measureStore, writeAnalyticsSection } from "./analytics";
import { measureAutosave, type AutosaveOptions } from "./autosave";
import { editorReady, launchBrowser, scriptsOf, timeToEditable } from "./browser";
import { benchArticle, seedBenchDatabase, writeBaselineArticle, type SeededPost } from "./dataset";
import { createBenchDatabase, type BenchDatabase } from "./database";
import { measure, type LoadOptions, type Measurement } from "./load";
import { measureObservability, observabilityEnv, observe } from "./observability";
import { observabilityConsole } from "./observability-report";
import { startOtlpReceiver, type OtlpReceiver } from "./otlp-receiver";
import { checkBody, checkPage, publicArticle, type Expectation, type PageCheck } from "./pages";
import { startPgProxy, type PgProxy } from "./pg-proxy";
import { countQueries, idleStatementsPerSecond } from "./queries";
import { resultsMarkdown, writeResultsSection, type RunResults } from "./results-doc";
import {
  AUTOSAVE_WORDS,
  GATED_CANARY,
  GATED_TITLE,
  seedAutosaveWriters,
  seedEditorDrafts,
  seedGatedPost,
  type AutosaveWriter,
  type EditorScenario,
  type GatedScenario,
} from "./scenarios";
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
import { consoleReport, ratios } from "./report";
import { SNAPSHOT_DIR, snapshotHasBuild, takeSnapshot, type Snapshot } from "./snapshot";

const BASELINE_DIR = path.join(ROOT, "bench/baseline");
const RESULTS_DIR = path.join(ROOT, "bench/results");
const BENCHMARKS_FILE = path.join(ROOT, "BENCHMARKS.md");
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
  retries: numberFromEnv("BENCH_RETRIES", 1, 0),
};
const autosave: AutosaveOptions & { writers: number } = {
  writers: numberFromEnv("BENCH_AUTOSAVE_WRITERS", 50),
  intervalMs: numberFromEnv("BENCH_AUTOSAVE_INTERVAL_MS", 2000, 100),
  durationSeconds: numberFromEnv("BENCH_AUTOSAVE_DURATION", 30),
  warmupSeconds: numberFromEnv("BENCH_AUTOSAVE_WARMUP", 4, 0),
};
/** Sequential page views per target for the statement counts. */
const QUERY_VIEWS = numberFromEnv("BENCH_QUERY_VIEWS", 50);
/** Measured openings of each editor draft (after one warm-up). */
const EDITOR_RUNS = numberFromEnv("BENCH_EDITOR_RUNS", 5);
/** Rounds of off, on, traces on the public post (the order reverses each round). */
const OBSERVABILITY_ROUNDS = numberFromEnv("BENCH_OBSERVABILITY_ROUNDS", 2);
const TIMEOUT_SECONDS = numberFromEnv("BENCH_TIMEOUT", 2400);
/** Raw events the rollup is timed on, and reads of each dashboard for its p95. */
const ANALYTICS_EVENTS = numberFromEnv("BENCH_ANALYTICS_EVENTS", 1_000_000);
const ANALYTICS_RUNS = numberFromEnv("BENCH_ANALYTICS_RUNS", 40);
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
async function measureApp(database: BenchDatabase, proxy: PgProxy, receiver: OtlpReceiver, seeded: SeededPost, env: NodeJS.ProcessEnv) {
  const commitsBefore = await database.committedTransactions();
  const startedAt = performance.now();
  // This is also the first "off" run of the observability rounds, checked to be off like the others.
  const observer = observe("off", receiver);
  const server = await serve("app", SNAPSHOT_DIR, env, seeded.path);
  const page = await checkPage(server.url(seeded.path), publicArticle());
  await observer.check(server);
  log(`app ready (pid ${server.pid}): GET ${seeded.path} is ${page.bytes} bytes, cache-control ${page.cacheControl}`);
  const measurement = await measure({ name: "app", url: server.url(seeded.path), pid: server.pid }, load);

  log(`app: watching the idle server for ${STATS_FLUSH_SECONDS + IDLE_WINDOW_SECONDS} s (background database work)`);
  await sleep(STATS_FLUSH_SECONDS * 1000);
  const idleCommits = await database.committedTransactionsNow();
  const idleCpu = cpuSecondsOf(server.pid);
  const idleStatements = await idleStatementsPerSecond(proxy, IDLE_WINDOW_SECONDS);
  const idleServerCpuPercent = (100 * (cpuSecondsOf(server.pid) - idleCpu)) / IDLE_WINDOW_SECONDS;
  const idleTransactionsPerSecond = ((await database.committedTransactionsNow()) - idleCommits) / IDLE_WINDOW_SECONDS;
  const url = server.url(seeded.path);
  const queries = await countQueries("public post, anonymous", proxy, url, {}, QUERY_VIEWS, idleStatements, (status, body) =>
    checkBody(url, publicArticle(), status, body),
  );

  await stopChild(server.child);
  const serverSeconds = (performance.now() - startedAt) / 1000;
  const transactions = (await database.committedTransactions()) - commitsBefore;
  const requests = server.readinessResponses + 1 + observer.requests() + measurement.requestsSent + QUERY_VIEWS;
  const use: AppDatabaseUse = {
    transactions,
    requests,
    serverSeconds: Math.round(serverSeconds),
    idleTransactionsPerSecond,
    idleServerCpuPercent: Math.round(idleServerCpuPercent * 10) / 10,
    transactionsPerRequest: (transactions - idleTransactionsPerSecond * serverSeconds) / requests,
  };
  const observed = observer.finish(1, measurement, requests, server.child.log);
  return { measurement, page, database: use, idleStatementsPerSecond: idleStatements, queries, observed };
}

/**
 * The gated post for one kind of viewer, on a fresh server: checked (teaser only, or the canary
 * for the member), loaded like the public post, then counted: statements per view on the wire.
 * `alsoCount` are further pages counted on the same server (not loaded).
 */
async function measureGated(
  name: string,
  proxy: PgProxy,
  gated: GatedScenario,
  viewer: "anonymous" | "member",
  env: NodeJS.ProcessEnv,
  idleStatements: number,
  alsoCount: Array<{ name: string; path: string; expect: Expectation }> = [],
) {
  const headers: Record<string, string> = viewer === "member" ? { cookie: gated.member.cookie } : {};
  const expect: Expectation =
    viewer === "member"
      ? { headers, contains: { "the title": GATED_TITLE, "the teaser": gated.teaserText, "the gated body (canary)": GATED_CANARY } }
      : { headers, contains: { "the title": GATED_TITLE, "the teaser": gated.teaserText }, lacks: { "the gated body (canary)": GATED_CANARY } };
  const server = await serve(name.replaceAll(" ", "-"), SNAPSHOT_DIR, env, gated.path);
  try {
    const url = server.url(gated.path);
    const page = await checkPage(url, expect);
    log(`${name} ready (pid ${server.pid}): ${page.bytes} bytes, cache-control ${page.cacheControl}`);
    const measurement = await measure({ name, url, pid: server.pid, headers }, load);
    const check = (target: string, expectation: Expectation) => (status: number, body: string) => checkBody(target, expectation, status, body);
    const queries = [await countQueries(name, proxy, url, headers, QUERY_VIEWS, idleStatements, check(url, expect))];
    for (const extra of alsoCount) {
      const extraUrl = server.url(extra.path);
      queries.push(await countQueries(extra.name, proxy, extraUrl, extra.expect.headers ?? {}, QUERY_VIEWS, idleStatements, check(extraUrl, extra.expect)));
    }
    return { measurement, page, queries };
  } finally {
    await stopChild(server.child);
  }
}

/** Chromium only while it is needed: idle, it would still share the cores with the load runs. */
async function inBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  const close = () => browser.close();
  cleanups.push(close);
  try {
    return await work(browser);
  } finally {
    cleanups.splice(cleanups.indexOf(close), 1);
    await close();
  }
}

/**
 * The creator's side on one fresh server: every writer autosaving on schedule, then, in Chromium,
 * the editor route's JavaScript and the time to open each draft until it is editable.
 */
async function measureStudio(
  writers: AutosaveWriter[],
  editor: EditorScenario,
  seeded: SeededPost,
  env: NodeJS.ProcessEnv,
) {
  const server = await serve("app-studio", SNAPSHOT_DIR, env, seeded.path);
  try {
    const origin = server.url("");
    log(`autosave: ${writers.length} creators, one save each every ${autosave.intervalMs} ms, ${autosave.durationSeconds} s measured`);
    const saves = await measureAutosave("app autosave", { origin, pid: server.pid }, writers, autosave, load);
    if (saves.conflicts || saves.errors) {
      throw new Error(`app autosave: ${saves.conflicts} conflicts and ${saves.errors} errors (first: ${saves.firstError}).`);
    }
    return await inBrowser(async (browser) => {
      log("editor: JavaScript of /studio/posts/{id} in Chromium");
      const scripts = await scriptsOf(browser, origin, `/studio/posts/${editor.short.id}`, editor.owner.token, (page) =>
        editorReady(page, editor.short.lastParagraph),
      );
      log(`editor: time to editable, ${EDITOR_RUNS} runs per draft after one warm-up`);
      const long = await timeToEditable(browser, origin, editor.owner.token, editor.long, EDITOR_RUNS);
      const short = await timeToEditable(browser, origin, editor.owner.token, editor.short, EDITOR_RUNS);
      return { saves, scripts, open: { long, short } };
    });
  } finally {
    await stopChild(server.child);
  }
}

/**
 * Analytics: the public post with and without beacons beside it, on a fresh server; then the
 * rollup and the dashboards against the database directly (bench/analytics.ts).
 */
async function measureAnalytics(database: BenchDatabase, seeded: SeededPost, env: NodeJS.ProcessEnv) {
  process.env.DATABASE_URL = database.url;
  try {
    const ingestPort = await freePort();
    const server = await serve("app-analytics", SNAPSHOT_DIR, { ...env, ANALYTICS_INGEST_PORT: String(ingestPort) }, seeded.path);
    const ingestUrl = `http://127.0.0.1:${ingestPort}/api/events`;
    const ingest = await measureIngest({ server, ingestUrl, path: seeded.path, creatorId: seeded.creator.id, slug: seeded.slug, load, db: getDb, log }).finally(() =>
      stopChild(server.child),
    );
    const store = await measureStore(getDb(), { events: ANALYTICS_EVENTS, runs: ANALYTICS_RUNS, log });
    return { ingest, store };
  } finally {
    await closeDb();
    delete process.env.DATABASE_URL;
  }
}

async function measureBaseline(route: "/uncached" | "/cached"): Promise<Measured> {
  const server = await serve(`baseline${route.replace("/", "-")}`, BASELINE_DIR, baseEnv(), route);
  const page = await checkPage(server.url(route), publicArticle());
  log(`baseline ${route} ready (pid ${server.pid}): ${page.bytes} bytes, x-nextjs-cache ${page.nextCache}`);
  const measurement = await measure({ name: `baseline ${route}`, url: server.url(route), pid: server.pid }, load);
  await stopChild(server.child);
  return { measurement, page };
}

/** The floors for the studio: the same save bodies to a trivial route, and a bare page's JavaScript. */
async function measureBaselineStudio(writers: AutosaveWriter[]) {
  const server = await serve("baseline-studio", BASELINE_DIR, baseEnv(), "/uncached");
  try {
    const saves = await measureAutosave("baseline autosave", { origin: server.url(""), pid: server.pid }, writers, autosave, load);
    if (saves.conflicts || saves.errors) throw new Error(`baseline autosave: ${saves.errors} errors (first: ${saves.firstError}).`);
    const scripts = await inBrowser((browser) => scriptsOf(browser, server.url(""), "/uncached", null, async () => {}));
    return { saves, scripts };
  } finally {
    await stopChild(server.child);
  }
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
  const gated = await seedGatedPost(getDb(), seeded.creator);
  const editor = await seedEditorDrafts(getDb(), seeded.creator);
  log(`seeding ${autosave.writers} autosave creators…`);
  const writers = await seedAutosaveWriters(getDb(), autosave.writers);
  await closeDb();
  delete process.env.DATABASE_URL;
  // The app renders and stores HTML at save time; the baseline must serve exactly those bytes.
  if (seeded.html !== article.html) throw new Error("The stored post HTML differs from the generated article HTML.");
  writeBaselineArticle();

  // 2. Production builds of both apps; the app from a snapshot of the working tree. The app talks
  // to PostgreSQL through the counting proxy, so statements per page view are measured, not guessed.
  const databaseUrl = new URL(database.url);
  const proxy = await startPgProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
  cleanups.push(() => proxy.close());
  databaseUrl.port = String(proxy.port);
  // Every app figure but the observability rounds' "on" and "traces" is taken with logging,
  // metrics and traces off: what the app costs and what watching it costs are separate figures.
  const appEnv = observabilityEnv({ ...baseEnv(), DATABASE_URL: databaseUrl.toString(), AUTH_SECRET }, "off");
  const receiver = await startOtlpReceiver();
  cleanups.push(() => receiver.close());
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
  const app = await measureApp(database, proxy, receiver, seeded, appEnv);
  const observability = await measureObservability(app.observed, {
    rounds: OBSERVABILITY_ROUNDS,
    load,
    path: seeded.path,
    receiver,
    env: appEnv,
    serve: (name, env, readyPath) => serve(name, SNAPSHOT_DIR, env, readyPath),
    log,
  });
  const idle = app.idleStatementsPerSecond;
  const gatedAnonymous = await measureGated("gated anonymous", proxy, gated, "anonymous", appEnv, idle);
  const gatedMember = await measureGated("gated member", proxy, gated, "member", appEnv, idle, [
    { name: "public post, paid member", path: seeded.path, expect: { ...publicArticle(), headers: { cookie: gated.member.cookie } } },
  ]);
  const uncached = await measureBaseline("/uncached");
  const cached = await measureBaseline("/cached");
  const studio = await measureStudio(writers, editor, seeded, appEnv);
  const baselineStudio = await measureBaselineStudio(writers);
  const analytics = await measureAnalytics(database, seeded, appEnv);

  // 4. Report.
  const report = { app: app.measurement, baselineUncached: uncached.measurement, baselineCached: cached.measurement, appPath: seeded.path };
  const loadRuns = [
    ...observability.runs.map((run) => run.measurement),
    gatedAnonymous.measurement,
    gatedMember.measurement,
    uncached.measurement,
    cached.measurement,
  ];
  const finishedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    next: (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")) as { version: string }).version,
  };
  const queries: RunResults["queries"] = {
    publicAnonymous: app.queries,
    gatedAnonymous: gatedAnonymous.queries[0]!,
    gatedMember: gatedMember.queries[0]!,
    publicMember: gatedMember.queries[1]!,
  };
  const results: RunResults = {
    startedAt: startedAt.toISOString(),
    wallSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    machine,
    code: snapshot,
    builds,
    command: "npm run bench",
    settings: {
      BENCH_CONNECTIONS: load.connections,
      BENCH_DURATION: load.durationSeconds,
      BENCH_WARMUP_REQUESTS: load.warmupRequests,
      BENCH_RETRIES: load.retries,
      BENCH_QUERY_VIEWS: QUERY_VIEWS,
      BENCH_AUTOSAVE_WRITERS: autosave.writers,
      BENCH_AUTOSAVE_INTERVAL_MS: autosave.intervalMs,
      BENCH_AUTOSAVE_DURATION: autosave.durationSeconds,
      BENCH_EDITOR_RUNS: EDITOR_RUNS,
      BENCH_OBSERVABILITY_ROUNDS: OBSERVABILITY_ROUNDS,
    },
    dataset: {
      publicPost: { words: article.words, htmlBytes },
      gatedPost: { teaserBlocks: gated.teaserBlocks, words: gated.words },
      autosaveWriters: writers.length,
      autosaveWords: AUTOSAVE_WORDS,
      editorDrafts: [editor.long.words, editor.short.words],
    },
    report,
    publicDatabase: {
      transactionsPerRequest: app.database.transactionsPerRequest,
      idleTransactionsPerSecond: app.database.idleTransactionsPerSecond,
      idleServerCpuPercent: app.database.idleServerCpuPercent,
      idleStatementsPerSecond: idle,
    },
    gated: { anonymous: gatedAnonymous.measurement, member: gatedMember.measurement },
    observability,
    queries,
    autosave: { app: studio.saves, baseline: baselineStudio.saves },
    scripts: { editor: studio.scripts, baseline: baselineStudio.scripts },
    editorOpen: studio.open,
    otherCpuPercentMax: Math.max(
      ...loadRuns.map((m) => m.cpuPercentOfOneCore.other),
      studio.saves.cpuPercentOfOneCore.other,
      baselineStudio.saves.cpuPercentOfOneCore.other,
    ),
  };
  const output = {
    ...results,
    finishedAt: finishedAt.toISOString(),
    machine: { ...machine, loadAverageAtStart: LOAD_AVERAGE_AT_START },
    load,
    autosaveOptions: autosave,
    datasetPaths: { publicPost: seeded.path, gatedPost: gated.path, editorDrafts: [editor.long.id, editor.short.id] },
    pages: { app: app.page, gatedAnonymous: gatedAnonymous.page, gatedMember: gatedMember.page, baselineUncached: uncached.page, baselineCached: cached.page },
    appDatabase: app.database,
    ratios: {
      appToBaselineUncached: ratios(app.measurement, uncached.measurement),
      appToBaselineCached: ratios(app.measurement, cached.measurement),
    },
  };
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), `${JSON.stringify(output, null, 2)}\n`);

  console.log(`\n${consoleReport(report)}\n`);
  console.log(`observability on the public post (ratios of medians; goals from the issue):\n\n${observabilityConsole(observability)}\n`);
  const db = app.database;
  console.log(
    `app database use (pg_stat_database): ${db.transactionsPerRequest.toFixed(2)} transactions per page view; ` +
      `idle server: ${db.idleTransactionsPerSecond.toFixed(1)} transactions/s, ${db.idleServerCpuPercent}% of a core ` +
      `(${db.transactions} transactions, ${db.requests} requests, ${db.serverSeconds} s)`,
  );
  const markdown = resultsMarkdown(results);
  console.log(`\n--- Results (written to BENCHMARKS.md) ---\n\n${markdown}\n`);
  writeResultsSection(BENCHMARKS_FILE, markdown);
  const analyticsSection = analyticsMarkdown(analytics.ingest, analytics.store, {
    startedAt: `${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    commit: snapshot?.commit ?? "(previous build)",
    machine: `${machine.cpus} vCPUs, ${machine.cpuModel}`,
  });
  console.log(`\n--- Analytics (written to BENCHMARKS.md) ---\n\n${analyticsSection}\n`);
  writeAnalyticsSection(BENCHMARKS_FILE, analyticsSection);
  log(`wrote bench/results/latest.json and the Results section of BENCHMARKS.md; wall time ${results.wallSeconds} s`);
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
