// `npm run lighthouse`: Lighthouse's four scores (performance, accessibility, best practices, SEO)
// for the pages fans and search engines meet first — the home page, a creator page, a public post
// and a join page — on the production build (`next build` + `next start`) with the demo data in a
// fresh PostgreSQL database, as a phone (Lighthouse's default: emulated Moto G Power, slow 4G) and
// as a desktop (its desktop configuration), in the machine's Chromium. Beside them, the same audits
// of the bench's bare Next.js page (bench/baseline, /uncached): the framework's own floor, on the
// same machine in the same run. Prints the scores and every audit that cost a point, writes
// bench/results/lighthouse.json and one HTML report per page, and fails when any score of the app's
// pages is below 100.
//
//   --runs=N        audit each page N times and keep the median run, as Lighthouse advises (default 1)
//   --skip-build    serve the existing .next build instead of building first
//   --report-only   print and write the scores, but exit 0 whatever they are
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import lighthouse, { desktopConfig, type Config, type Flags, type Result } from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { createBenchDatabase, type BenchDatabase } from "../bench/database";
import { benchArticle, writeBaselineArticle } from "../bench/dataset";
import { checkPage } from "../bench/pages";
import { freePort, ROOT, startNext, stopChild, waitForHttp, waitForSuccess, type Child } from "../bench/processes";
import { closeDb, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { posts } from "../db/schema";
import { demoPosts } from "../server/demo/content";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../test/support/chromium";
import { seedDemo } from "../server/demo/seed";

const RESULTS_DIR = path.join(ROOT, "bench/results");
const BASELINE_DIR = path.join(ROOT, "bench/baseline");
const REPORT_DIR = path.join(RESULTS_DIR, "lighthouse");
const RESULTS_FILE = path.join(RESULTS_DIR, "lighthouse.json");
const CHROMIUM = process.env.CHROME_PATH ?? CHROMIUM_PATH;
/** Only for this script's throwaway server; never a real secret. */
const AUTH_SECRET = "atelier-lighthouse-only-secret-not-for-production-0123456789";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CATEGORY_LABELS: Record<Category, string> = {
  performance: "performance",
  accessibility: "accessibility",
  "best-practices": "best practices",
  seo: "SEO",
};
/**
 * Lighthouse's own line (core/gather/driver/environment.js): at or below this benchmark index the
 * machine is about half as fast as the one its phone CPU slowdown (4×) was calibrated on, and
 * performance figures come out low. A machine busy with other work drops below it too.
 */
const SLOW_HOST_BENCHMARK_INDEX = 1000;
/** The metrics behind the performance score, as Lighthouse names its audits. */
const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"] as const;

type Category = (typeof CATEGORIES)[number];
type FormFactor = "mobile" | "desktop";
type Target = { name: string; path: string; contains: string };
type Lost = { category: Category; audit: string; title: string; score: number; displayValue?: string };
type Measured = {
  page: string;
  path: string;
  formFactor: FormFactor;
  runs: number;
  /** Lighthouse's measure of this machine's speed during the run kept; its own CPU slowdown assumes about 1,000 or more. */
  benchmarkIndex: number;
  scores: Record<Category, number>;
  metrics: Record<string, string | undefined>;
  /** Audits that count towards a score and did not pass: why a score is below 100. */
  lost: Lost[];
  /** Lighthouse's own warnings about the run (a page that redirected, a slow machine, …). */
  runWarnings: string[];
};

const args = process.argv.slice(2);
for (const arg of args) {
  if (!/^--runs=\d+$/.test(arg) && arg !== "--skip-build" && arg !== "--report-only") {
    throw new Error(`Unknown option ${arg} (use --runs=N, --skip-build, --report-only).`);
  }
}
const runs = Number(args.find((arg) => arg.startsWith("--runs="))?.slice("--runs=".length) ?? 1);
if (runs < 1) throw new Error("--runs must be at least 1.");
const skipBuild = args.includes("--skip-build");
const reportOnly = args.includes("--report-only");

const log = (message: string) => console.log(`[lighthouse] ${message}`);

/** The floor: a bare Next.js app rendering the bench article per request, no CSS, no script of ours. */
const FLOOR: Target = { name: "floor", path: "/uncached", contains: benchArticle().title };

/** Undo steps, run last-in first-out exactly once, whether the run succeeds or fails. */
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      await step().catch((error: unknown) => console.error(`[lighthouse] cleanup: ${(error as Error).message}`));
    }
  })();
  return cleaning;
}

/** The demo, migrated and seeded as `npm run db:seed` does, and the pages to score in it. */
async function seed(database: BenchDatabase): Promise<Target[]> {
  process.env.DATABASE_URL = database.url;
  try {
    await migrateDatabase();
    await seedDemo(getDb());
    const post = await getDb().query.posts.findFirst({ where: eq(posts.title, demoPosts.essay.title), columns: { slug: true } });
    if (!post) throw new Error("The demo seed made no public essay.");
    return [
      { name: "home", path: "/", contains: "A home for your work" },
      { name: "creator", path: "/mara", contains: "Mara Lindqvist" },
      { name: "post", path: `/mara/posts/${post.slug}`, contains: demoPosts.essay.title },
      { name: "join", path: "/mara/join", contains: "Join Mara Lindqvist" },
    ];
  } finally {
    await closeDb();
    delete process.env.DATABASE_URL;
  }
}

/** Headless Chromium with a debugging port for Lighthouse to drive, in a profile of its own. */
async function startChromium(): Promise<{ port: number; version: string }> {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-lighthouse-"));
  cleanups.push(async () => fs.rmSync(profile, { recursive: true, force: true }));
  const logFile = path.join(REPORT_DIR, "chromium.log");
  const out = fs.openSync(logFile, "w");
  const chromium = spawn(
    CHROMIUM,
    [
      "--headless=new",
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      ...CHROMIUM_ARGS,
      "about:blank",
    ],
    { stdio: ["ignore", out, out], detached: true },
  );
  fs.closeSync(out);
  if (chromium.pid === undefined) throw new Error(`Could not start ${CHROMIUM}.`);
  const child: Child = {
    process: chromium,
    pid: chromium.pid,
    name: "chromium",
    log: logFile,
    exited: new Promise((resolve) => chromium.once("exit", (code) => resolve(code))),
  };
  cleanups.push(() => stopChild(child));
  await waitForHttp(`http://127.0.0.1:${port}/json/version`, child, 30_000);
  const { Browser } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { Browser: string };
  return { port, version: Browser };
}

function summarize(target: Target, formFactor: FormFactor, lhr: Result): Measured {
  const scores = {} as Record<Category, number>;
  const lost: Lost[] = [];
  for (const category of CATEGORIES) {
    const result = lhr.categories[category];
    if (!result || result.score === null) throw new Error(`${target.path} (${formFactor}): Lighthouse gave no ${category} score.`);
    scores[category] = Math.round(result.score * 100);
    for (const ref of result.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight === 0 || !audit || audit.score === null || audit.score >= 1) continue;
      lost.push({ category, audit: ref.id, title: audit.title, score: audit.score, displayValue: audit.displayValue });
    }
  }
  const metrics = Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.displayValue]));
  return {
    page: target.name,
    path: target.path,
    formFactor,
    runs,
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    scores,
    metrics,
    lost,
    runWarnings: lhr.runWarnings,
  };
}

/** `runs` audits of one page; the median run (by first paint and time to interactive) is kept. */
async function audit(origin: string, chromePort: number, target: Target, formFactor: FormFactor): Promise<Measured> {
  const flags: Flags = {
    port: chromePort,
    onlyCategories: [...CATEGORIES],
    output: "html",
    logLevel: "error",
  };
  const config: Config | undefined = formFactor === "desktop" ? desktopConfig : undefined;
  const done: Array<{ lhr: Result; report: string }> = [];
  for (let run = 0; run < runs; run++) {
    const result = await lighthouse(`${origin}${target.path}`, flags, config);
    if (!result) throw new Error(`${target.path} (${formFactor}): Lighthouse returned nothing.`);
    if (result.lhr.runtimeError) throw new Error(`${target.path} (${formFactor}): ${result.lhr.runtimeError.message}`);
    done.push({ lhr: result.lhr, report: Array.isArray(result.report) ? result.report[0]! : result.report });
  }
  const median = computeMedianRun(done.map((run) => run.lhr));
  const kept = done.find((run) => run.lhr === median) ?? done[0]!;
  fs.writeFileSync(path.join(REPORT_DIR, `${target.name}-${formFactor}.html`), kept.report);
  return summarize(target, formFactor, kept.lhr);
}

function table(results: Measured[]): string {
  const header = ["page", "path", "form factor", ...CATEGORIES.map((category) => CATEGORY_LABELS[category]), "CPU index"];
  const rows = results.map((r) => [r.page, r.path, r.formFactor, ...CATEGORIES.map((category) => String(r.scores[category])), String(r.benchmarkIndex)]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

async function main() {
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg();
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const database = await createBenchDatabase();
  cleanups.push(() => database.drop());
  log(`database ${database.name}: migrating and seeding the demo`);
  const targets = await seed(database);

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    AUTH_SECRET,
    // The site's address for canonical links, robots.txt and the sitemap: the one Lighthouse opens,
    // as in production, where AUTH_URL is the public origin.
    AUTH_URL: origin,
    LOG_LEVEL: "warn",
  };

  // The floor app takes nothing of ours: no database, no secret.
  const floorEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete floorEnv.DATABASE_URL;
  const builds = [
    { name: "app", cwd: ROOT, env },
    { name: "floor", cwd: BASELINE_DIR, env: floorEnv },
  ];
  for (const build of builds) {
    if (skipBuild && fs.existsSync(path.join(build.cwd, ".next/BUILD_ID"))) {
      log(`--skip-build: serving the existing ${build.name} build`);
      continue;
    }
    log(`building the ${build.name} (next build)…`);
    const started = Date.now();
    // The floor renders the bench's article, which the bench writes before building it too.
    if (build.name === "floor") writeBaselineArticle();
    const child = startNext(`${build.name} build`, ["build"], { cwd: build.cwd, env: build.env, logFile: path.join(REPORT_DIR, `${build.name}-build.log`) });
    cleanups.push(() => stopChild(child));
    await waitForSuccess(child, 900_000);
    log(`built the ${build.name} in ${Math.round((Date.now() - started) / 1000)} s`);
  }

  const server = startNext("next start", ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: ROOT, env, logFile: path.join(REPORT_DIR, "server.log") });
  cleanups.push(() => stopChild(server));
  await waitForHttp(`${origin}/api/health`, server, 60_000);
  const floorOrigin = `http://127.0.0.1:${await freePort()}`;
  const floorServer = startNext("floor start", ["start", "-p", new URL(floorOrigin).port, "-H", "127.0.0.1"], {
    cwd: BASELINE_DIR,
    env: floorEnv,
    logFile: path.join(REPORT_DIR, "floor-server.log"),
  });
  cleanups.push(() => stopChild(floorServer));
  await waitForHttp(`${floorOrigin}${FLOOR.path}`, floorServer, 60_000);
  // Each page answers 200 with its own content before it is scored: a score of an error page or a
  // 404 would say nothing. This also warms the servers, as a visitor after the first would find them.
  for (const target of targets) await checkPage(`${origin}${target.path}`, { contains: { [target.name]: target.contains } });
  await checkPage(`${floorOrigin}${FLOOR.path}`, { contains: { [FLOOR.name]: FLOOR.contains } });

  const chromium = await startChromium();
  log(`${chromium.version}, app at ${origin}, floor at ${floorOrigin}`);
  const results: Measured[] = [];
  const floor: Measured[] = [];
  const report = (measured: Measured) =>
    log(`${measured.path} (${measured.formFactor}): ${CATEGORIES.map((category) => measured.scores[category]).join(" / ")} (CPU index ${measured.benchmarkIndex})`);
  for (const formFactor of ["mobile", "desktop"] as const) {
    floor.push(await audit(floorOrigin, chromium.port, FLOOR, formFactor));
    report(floor.at(-1)!);
    for (const target of targets) {
      results.push(await audit(origin, chromium.port, target, formFactor));
      report(results.at(-1)!);
    }
  }

  console.log(`\n${table([...floor, ...results])}\n`);
  console.log(`(floor: the bench's bare Next.js page, ${FLOOR.path} of bench/baseline; only its performance is comparable)\n`);
  const below = results.filter((r) => CATEGORIES.some((category) => r.scores[category] < 100));
  for (const r of below) {
    console.log(`${r.path} (${r.formFactor}):`);
    for (const lost of r.lost) {
      console.log(`  ${CATEGORY_LABELS[lost.category]}: ${lost.audit} (${lost.title}) ${lost.score.toFixed(2)}${lost.displayValue ? `, ${lost.displayValue}` : ""}`);
    }
  }
  for (const r of results) for (const warning of r.runWarnings) console.log(`warning, ${r.path} (${r.formFactor}): ${warning}`);
  const slow = results.filter((r) => r.benchmarkIndex <= SLOW_HOST_BENCHMARK_INDEX);
  if (slow.length > 0) {
    console.log(
      `note: in ${slow.length} of ${results.length} runs the CPU index was at most ${SLOW_HOST_BENCHMARK_INDEX}, below what Lighthouse ` +
        "expects: the machine was slow or busy, and their performance scores understate the pages. Run again on an idle machine.",
    );
  }

  const output = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run lighthouse${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`,
    lighthouse: (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/lighthouse/package.json"), "utf8")) as { version: string }).version,
    chromium: chromium.version,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", loadAverageAtStart },
    results,
    floor,
  };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(output, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, RESULTS_FILE)} and the HTML reports in ${path.relative(ROOT, REPORT_DIR)}/`);
  if (below.length > 0) {
    log(`${below.length} of ${results.length} runs scored below 100 in some category`);
    if (!reportOnly) process.exitCode = 1;
  } else {
    log(`all ${results.length} runs scored 100 in all four categories`);
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    console.error(`[lighthouse] ${signal}: cleaning up.`);
    void cleanUp().finally(() => process.exit(1));
  });
}

main()
  .catch((error: unknown) => {
    console.error(`[lighthouse] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
