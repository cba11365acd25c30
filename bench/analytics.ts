// Analytics under load, for `npm run bench`: the public post page with and without beacons arriving
// beside it on the same server (one beacon per page view, as every reader's browser sends one),
// the ingest's rate, latency and server CPU per event; then, in the database alone, the rollup's
// time per million events and the dashboards' queries for a creator with ten million events in a
// year. Written to its own section of BENCHMARKS.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { analyticsEarnings } from "@/server/services/analytics/earnings";
import { analyticsOverview, analyticsPosts, postAnalytics } from "@/server/services/analytics/dashboard";
import { resummarise, rollUpAnalytics } from "@/server/services/analytics/rollup";
import { createCreator, createPost, createUser } from "@/server/testing/factories";
import type { Result } from "autocannon";
import { measure, type LoadOptions, type Measurement } from "./load";
import { ROOT } from "./processes";

export const ANALYTICS_START = "<!-- bench:analytics:start (written by npm run bench; edits here are replaced) -->";
export const ANALYTICS_END = "<!-- bench:analytics:end -->";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

type Served = { url: (path: string) => string; pid: number };

/** The post page under the same load with beacons arriving beside it at one endpoint. */
export type BeaconRun = {
  page: Measurement;
  beacons: { sent: number; askedPerSecond: number; perSecond: number; written: number; refused: number; latencyMs: { p50: number; p99: number }; serverCpuMsPerEvent: number };
};

export type IngestResults = {
  plain: Measurement;
  /** Beacons at the ingest port (as the shipped nginx configuration sends them). */
  listener: BeaconRun;
  /** Beacons at the app's own /api/events route (a server reached directly). */
  route: BeaconRun;
};

/**
 * Beacons at `perSecond` over `seconds`, from autocannon in a process of its own on a few
 * keep-alive connections, enough that the answers queued behind the page's load do not cap the rate (in this process its timers would also wait behind that load).
 */
function sendBeacons(endpoint: string, body: string, perSecond: number, seconds: number): { finished: Promise<Result> } {
  const origin = new URL(endpoint).origin;
  const args = [
    path.join(ROOT, "node_modules/autocannon/autocannon.js"),
    ...["--method", "POST", "--body", body, "--connections", "64", "--overallRate", String(perSecond), "--duration", String(seconds), "--timeout", "30"],
    ...["--headers", `origin=${origin}`, "--headers", "content-type=text/plain", "--headers", `user-agent=${CHROME}`],
    "--json",
    endpoint,
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "ignore"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const finished = new Promise<Result>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(output) as Result) : reject(new Error(`the beacon sender exited with ${code}`))));
  });
  return { finished };
}

/** Rows of a raw statement, from either driver (postgres.js gives an array, PGlite `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}

async function eventsOf(db: Db, creatorId: string): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from analytics_events where creator_id = ${creatorId} and kind = 'view'`))[0]!.n;
}

export async function measureIngest(options: {
  server: Served;
  /** Where the server's ingest listener takes beacons. */
  ingestUrl: string;
  path: string;
  creatorId: string;
  slug: string;
  load: LoadOptions;
  db: () => Db;
  log: (message: string) => void;
}): Promise<IngestResults> {
  const { server, load, log } = options;
  const url = server.url(options.path);
  const plain = await measure({ name: "post page, no beacons", url, pid: server.pid }, load);
  const rate = Math.max(1, Math.round(plain.requestsPerSecond));
  const [post] = rowsOf<{ id: string }>(await options.db().execute(sql`select id from posts where creator_id = ${options.creatorId} and slug = ${options.slug}`));
  const body = JSON.stringify({ k: "view", c: options.creatorId, p: post!.id, u: url, r: "https://www.google.com/" });

  async function beside(name: string, endpoint: string): Promise<BeaconRun> {
    const before = await eventsOf(options.db(), options.creatorId);
    let result: Result | null = null;
    log(`analytics: the post page again with ${rate} beacons/s beside it at ${name} (one per page view of the first run)`);
    const page = await measure(
      {
        name: `post page, beacons beside at ${name}`,
        url,
        pid: server.pid,
        alongside: () => {
          const beacons = sendBeacons(endpoint, body, rate, load.durationSeconds);
          return {
            stop: async () => {
              result = await beacons.finished;
            },
          };
        },
      },
      load,
    );
    // The last batch is written about a second after it filled.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const written = (await eventsOf(options.db(), options.creatorId)) - before;
    const sent = result as Result | null;
    if (!sent) throw new Error("the beacons did not run");
    // The server's CPU beyond what the same page views cost without beacons, per beacon.
    const extraCpuMs = page.serverCpuMsPerRequest * page.requestsTotal - plain.serverCpuMsPerRequest * page.requestsTotal;
    const answered = sent.requests.total;
    return {
      page,
      beacons: {
        sent: answered,
        askedPerSecond: rate,
        perSecond: Math.round(sent.requests.average),
        written,
        refused: sent.errors + sent.timeouts + sent.non2xx,
        latencyMs: { p50: sent.latency.p50, p99: sent.latency.p99 },
        serverCpuMsPerEvent: round(Math.max(0, extraCpuMs) / Math.max(1, answered), 3),
      },
    };
  }

  const listener = await beside("the ingest port", options.ingestUrl);
  const route = await beside("the app's route", server.url("/api/events"));
  return { plain, listener, route };
}

export type StoreResults = {
  rollup: { events: number; seconds: number; secondsPerMillion: number };
  dashboards: { creatorEvents: number; dailyRows: number; posts: number; queries: { name: string; runs: number; p50Ms: number; p95Ms: number }[] };
};

const POSTS = 200;
const SOURCES = ["direct", "search-engine", "social", "email", "site"];

/**
 * The rollup over `events` raw events of one creator (a month of them, 200 posts, 100,000 readers),
 * timed; then the dashboards of another creator whose year holds ten million events, read `runs`
 * times each.
 */
export async function measureStore(db: Db, options: { events: number; runs: number; log: (message: string) => void }): Promise<StoreResults> {
  const { log } = options;
  const user = await createUser(db, { email: "rollup@bench.atelier.test" });
  const busy = await createCreator(db, { user, handle: "bench-rollup" });
  // Everything before is counted first, so the timed run counts these events only.
  await rollUpAnalytics(db);
  log(`analytics: writing ${options.events.toLocaleString("en")} raw events for the rollup`);
  await db.execute(sql`
    insert into analytics_events (creator_id, post_id, kind, occurred_at, visitor, source, referrer, campaign)
    select ${busy.id}, 'post-' || (i % ${POSTS}), (case when i % 3 = 0 then 'engaged' else 'view' end)::analytics_event_kind,
      now() - (i % 2592000) * interval '1 second', md5((i % 100000)::text),
      (${`{${SOURCES.join(",")}}`}::text[])[1 + i % ${SOURCES.length}], '', ''
    from generate_series(1, ${options.events}) as i`);
  const started = performance.now();
  await rollUpAnalytics(db);
  const seconds = (performance.now() - started) / 1000;
  log(`analytics: rollup of ${options.events.toLocaleString("en")} events took ${seconds.toFixed(1)} s`);

  // A year of a large creator's rollups: 200 posts, five sources, views and engaged reads every day.
  const owner = await createUser(db, { email: "dashboards@bench.atelier.test" });
  const creator = await createCreator(db, { user: owner, handle: "bench-dashboards" });
  const posts: string[] = [];
  for (let n = 0; n < POSTS; n++) posts.push((await createPost(db, { creator, title: `Bench post ${n + 1}`, publish: true })).id);
  log(`analytics: writing a year of rollups for a creator with ten million events`);
  await db.execute(sql`
    insert into analytics_daily (day, creator_id, kind, post_id, source, referrer, campaign, tier_id, events, mrr_delta)
    select current_date - d, ${creator.id}, k::analytics_event_kind, (${`{${posts.join(",")}}`}::text[])[1 + p], s, '', '', '',
      case when k = 'view' then 19 + (d + p) % 17 else 8 + (d + p) % 7 end, 0
    from generate_series(0, 364) as d, generate_series(0, ${POSTS - 1}) as p,
      unnest(${`{${SOURCES.join(",")}}`}::text[]) as s, unnest(array['view', 'engaged']) as k`);
  await db.execute(sql`
    insert into analytics_daily_visitors (creator_id, day, post_id, visitors)
    select ${creator.id}, current_date - d, coalesce((${`{${posts.join(",")}}`}::text[])[1 + p], ''), 900 + d % 300
    from generate_series(0, 364) as d, generate_series(-1, ${POSTS - 1}) as p`);
  const [figures] = rowsOf<{ rows: number; events: number }>(
    await db.execute(sql`select count(*)::int as rows, sum(events)::float8 as events from analytics_daily where creator_id = ${creator.id}`),
  );
  // The dashboards' summaries of those days, as the rollup makes them.
  await resummarise(db, creator.id);
  await db.execute(sql`analyze analytics_daily`);
  await db.execute(sql`analyze analytics_daily_visitors`);
  await db.execute(sql`analyze analytics_daily_totals`);
  await db.execute(sql`analyze analytics_daily_posts`);
  await db.execute(sql`analyze analytics_daily_sources`);

  const ctx = () => ({ db, viewer: { userId: owner.id }, now: new Date() });
  const queries: [string, () => Promise<unknown>][] = [
    ["overview, 30 days", () => analyticsOverview(ctx(), { range: "30d" })],
    ["overview, 12 months", () => analyticsOverview(ctx(), { range: "12m" })],
    ["posts table, 12 months", () => analyticsPosts(ctx(), { range: "12m" })],
    ["one post, all time", () => postAnalytics(ctx(), { postId: posts[0]! })],
    ["members and earnings, 12 months", () => analyticsEarnings(ctx(), { range: "12m" })],
  ];
  const timed: StoreResults["dashboards"]["queries"] = [];
  for (const [name, run] of queries) {
    await run();
    const durations: number[] = [];
    for (let n = 0; n < options.runs; n++) {
      const began = performance.now();
      await run();
      durations.push(performance.now() - began);
    }
    durations.sort((a, b) => a - b);
    const at = (q: number) => durations[Math.min(durations.length - 1, Math.ceil(q * durations.length) - 1)]!;
    timed.push({ name, runs: options.runs, p50Ms: round(at(0.5), 1), p95Ms: round(at(0.95), 1) });
    log(`analytics: ${name}: p50 ${round(at(0.5), 1)} ms, p95 ${round(at(0.95), 1)} ms`);
  }
  return {
    rollup: { events: options.events, seconds: round(seconds, 2), secondsPerMillion: round(seconds / (options.events / 1_000_000), 2) },
    dashboards: { creatorEvents: Number(figures!.events), dailyRows: figures!.rows, posts: POSTS, queries: timed },
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The run's server CPU beyond the page views', per beacon; none measurable is said as such. */
function cpuPerEvent(ms: number): string {
  return ms > 0
    ? `${ms} ms per event (the run's CPU beyond the page views', per beacon)`
    : "per event too small to measure (the run used no more server CPU than the page views alone, within their run-to-run variation)";
}

export function analyticsMarkdown(ingest: IngestResults, store: StoreResults, meta: { startedAt: string; commit: string; machine: string }): string {
  const ratio = (run: BeaconRun) => `${(run.page.requestsPerSecond / ingest.plain.requestsPerSecond).toFixed(3)}×`;
  const { plain, listener, route } = ingest;
  const beaconLine = (name: string, run: BeaconRun) =>
    `- ${name}: ${run.beacons.sent.toLocaleString("en")} answered (${run.beacons.perSecond}/s sustained of ${run.beacons.askedPerSecond}/s asked), ` +
    `${run.beacons.written.toLocaleString("en")} written to the database, ${run.beacons.refused} refused; answered in ${run.beacons.latencyMs.p50} ms (p50), ` +
    `${run.beacons.latencyMs.p99} ms (p99) under that load; server CPU ${cpuPerEvent(run.beacons.serverCpuMsPerEvent)}.`;
  const lines = [
    `Run of ${meta.startedAt} on commit \`${meta.commit}\` (${meta.machine}).`,
    "",
    "**Ingest beside the public post page** (one server; the page loaded as in the results above, then again",
    "with one beacon per page view of the first run arriving from this machine, first at the server's ingest port",
    "(`ANALYTICS_INGEST_PORT`, where the shipped nginx configuration sends `/api/events`), then at the app's own",
    "`/api/events` route):",
    "",
    "| figure | without beacons | beacons at the ingest port | beacons at the app's route |",
    "| --- | ---: | ---: | ---: |",
    `| post page, requests/s | ${plain.requestsPerSecond.toFixed(0)} | ${listener.page.requestsPerSecond.toFixed(0)} (**${ratio(listener)}**; goal ≥ 0.95×) | ${route.page.requestsPerSecond.toFixed(0)} (${ratio(route)}) |`,
    `| post page, p99 latency | ${plain.latencyMs.p99} ms | ${listener.page.latencyMs.p99} ms | ${route.page.latencyMs.p99} ms |`,
    `| server CPU per page view (beacons' included) | ${plain.serverCpuMsPerRequest.toFixed(2)} ms | ${listener.page.serverCpuMsPerRequest.toFixed(2)} ms | ${route.page.serverCpuMsPerRequest.toFixed(2)} ms |`,
    "",
    "Beacons (goal: ≤ 5 ms of server time each):",
    "",
    beaconLine("at the ingest port", listener),
    beaconLine("at the app's route", route),
    "",
    `**Rollup:** ${store.rollup.events.toLocaleString("en")} raw events of one creator (a month, ${POSTS} posts, 100,000 readers) rolled up in ${store.rollup.seconds} s: ` +
      `**${store.rollup.secondsPerMillion} s per million events**.`,
    "",
    `**Dashboards** for a creator with ${Math.round(store.dashboards.creatorEvents / 1e6)} million events in a year (${store.dashboards.dailyRows.toLocaleString("en")} daily rollup rows, ${store.dashboards.posts} posts), each read ${store.dashboards.queries[0]?.runs ?? 0} times through the services (goal: p95 ≤ 200 ms):`,
    "",
    "| dashboard | p50 | p95 |",
    "| --- | ---: | ---: |",
    ...store.dashboards.queries.map((q) => `| ${q.name} | ${q.p50Ms} ms | ${q.p95Ms} ms |`),
  ];
  return lines.join("\n");
}

export function writeAnalyticsSection(file: string, markdown: string): void {
  let document = fs.readFileSync(file, "utf8");
  if (!document.includes(ANALYTICS_START)) document = `${document.trimEnd()}\n\n## Analytics\n\n\`\`\`sh\nnpm run bench\n\`\`\`\n\n${ANALYTICS_START}\n${ANALYTICS_END}\n`;
  const start = document.indexOf(ANALYTICS_START);
  const end = document.indexOf(ANALYTICS_END);
  fs.writeFileSync(file, `${document.slice(0, start + ANALYTICS_START.length)}\n\n${markdown}\n\n${document.slice(end)}`);
}
