// The app's Prometheus metrics: one registry per process, the counters and histograms that move
// when something happens (each with a small record…() function, called where it happens), and the
// gauges a scrape fills in from the database (./scrape.ts). Served at /api/metrics, and recorded
// only while someone may read them there.
import "server-only";
import client from "prom-client";
import { pageStore } from "../cache/page-store.mjs";
import { env } from "../env";

/** Seconds; from a cached page (a few ms) to a slow export. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds; one statement, from an index lookup to a slow report. */
const QUERY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

function createMetrics() {
  const registry = new client.Registry();
  // Event-loop lag, memory, CPU, handles and GC: process_* and nodejs_* under their usual names.
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new client.Counter({
      name: "atelier_http_requests_total",
      help: "HTTP requests answered, by route, method and status code.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new client.Histogram({
      name: "atelier_http_request_duration_seconds",
      help: "Time from a request reaching its handler to the response, by route and method.",
      labelNames: ["route", "method"] as const,
      buckets: REQUEST_BUCKETS,
      registers,
    }),
    procedureCalls: new client.Counter({
      name: "atelier_trpc_calls_total",
      help: "tRPC procedure calls, over HTTP and in-process, by procedure, type and result code (OK or the tRPC error code).",
      labelNames: ["procedure", "type", "code"] as const,
      registers,
    }),
    procedureDuration: new client.Histogram({
      name: "atelier_trpc_call_duration_seconds",
      help: "Time a tRPC procedure took, by procedure and type.",
      labelNames: ["procedure", "type"] as const,
      buckets: REQUEST_BUCKETS,
      registers,
    }),
    queryDuration: new client.Histogram({
      name: "atelier_db_query_duration_seconds",
      help: "Time a database statement took from this process, waiting for a connection included, by outcome (ok or error).",
      labelNames: ["outcome"] as const,
      buckets: QUERY_BUCKETS,
      registers,
    }),
    signInFailures: new client.Counter({
      name: "atelier_sign_in_failures_total",
      help: "Sign-ins with a password or an emailed sign-up link refused, by reason (no_match, rate_limited, invalid_input, …).",
      labelNames: ["reason"] as const,
      registers,
    }),
    rateLimited: new client.Counter({
      name: "atelier_rate_limited_total",
      help: "Attempts refused by a rate limit, by the limit that refused them (signin:fail:address, media:upload, …).",
      labelNames: ["limit"] as const,
      registers,
    }),
    saveConflicts: new client.Counter({
      name: "atelier_post_save_conflicts_total",
      help: "Post saves refused because the post changed elsewhere since the editor loaded it, by save reason (autosave or manual).",
      labelNames: ["reason"] as const,
      registers,
    }),
    analyticsBeacons: new client.Counter({
      name: "atelier_analytics_beacons_total",
      help: "Page-view beacons received, by outcome: buffered, or not counted (bot, declined for Do-Not-Track or GPC, prefetch, overflow).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    analyticsWritten: new client.Counter({
      name: "atelier_analytics_events_written_total",
      help: "Browser analytics events written to the database in batches, and those dropped because a batch failed.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    pageCacheLookups: new client.Counter({
      name: "atelier_page_cache_lookups_total",
      help: "Lookups of the shared page cache (anonymous public pages), by result: hit (served as kept) or miss (rendered, then kept).",
      labelNames: ["result"] as const,
      registers,
      // The page store counts as it serves (it runs outside the app's bundle, server/cache): read at scrape.
      collect() {
        const { hits, misses } = pageStore().counts;
        this.reset();
        this.inc({ result: "hit" }, hits);
        this.inc({ result: "miss" }, misses);
      },
    }),
    ...scrapeGauges(registers),
  };
}

/** Filled in at each scrape from the database and this process (./scrape.ts). */
function scrapeGauges(registers: client.Registry[]) {
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new client.Gauge<L>({ name, help, labelNames, registers });
  return {
    buildInfo: gauge("atelier_build_info", "Always 1; the labels say which build runs.", ["version", "commit"]),
    collectorUp: gauge(
      "atelier_scrape_collector_up",
      "1 if this scrape read the collector's figures, 0 if it failed or timed out (its gauges are then absent).",
      ["collector"],
    ),
    dbUp: gauge("atelier_db_up", "1 if the database answered a trivial query during this scrape, else 0."),
    dbPingSeconds: gauge("atelier_db_ping_seconds", "How long that trivial query took."),
    dbPoolMax: gauge("atelier_db_pool_max_connections", "Connections this process may open to the database (DATABASE_POOL_SIZE; 1 for the embedded one)."),
    dbConnections: gauge(
      "atelier_db_connections",
      "Connections to the app's database by client (atelier-jobs is the job runner's pool) and state (active, idle, …), from pg_stat_activity; every process's and tool's.",
      ["application", "state"],
    ),
    queueDepth: gauge("atelier_job_queue_depth", "Jobs due to run and waiting for a worker (retries included), by queue.", ["queue"]),
    queueScheduled: gauge("atelier_job_queue_scheduled", "Jobs waiting for a later time (a post scheduled for next week), by queue.", ["queue"]),
    queueLag: gauge("atelier_job_queue_lag_seconds", "How long the oldest due job has waited past its time, by queue (0 when none waits).", ["queue"]),
    jobsActive: gauge("atelier_jobs_active", "Jobs a worker is running now, by queue.", ["queue"]),
    jobsRetrying: gauge("atelier_jobs_retrying", "Jobs that failed and will be tried again, by queue.", ["queue"]),
    jobsFailed: gauge("atelier_jobs_failed", "Jobs that failed for good and are kept for an operator to retry or discard, by queue.", ["queue"]),
    emailDeliveries: gauge(
      "atelier_email_deliveries",
      "New-post emails by delivery state (sent, failed, sending, skipped), all time.",
      ["state"],
    ),
    emailPending: gauge("atelier_email_deliveries_pending", "New-post emails not yet out: being sent, or failed with attempts left."),
    emailOpenNotifications: gauge("atelier_email_open_notifications", "Published posts whose member emails have not all gone out yet."),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// NOTE: Next.js bundles route handlers, server components and instrumentation separately, each
// with its own copy of this module; the metrics must be one set per process, or a scrape would
// see only the counts of its own bundle.
const globalForMetrics = globalThis as unknown as { atelierMetrics?: Metrics; atelierMetricsEnabled?: boolean };

export function metrics(): Metrics {
  globalForMetrics.atelierMetrics ??= createMetrics();
  return globalForMetrics.atelierMetrics;
}

/**
 * Whether anyone can read the metrics (METRICS_TOKEN or METRICS_ALLOW set). When not, /api/metrics
 * answers 404 and every record function returns at once: counting what nobody reads would only
 * cost each request and query. NOTE: decided on the first record and kept (settings do not change
 * while a server runs): reading the settings costs more than a count, on every query.
 */
export function metricsEnabled(): boolean {
  globalForMetrics.atelierMetricsEnabled ??= readsMetrics();
  return globalForMetrics.atelierMetricsEnabled;
}

function readsMetrics(): boolean {
  try {
    const { METRICS_TOKEN, METRICS_ALLOW } = env();
    return Boolean(METRICS_TOKEN) || METRICS_ALLOW.length > 0;
  } catch {
    // A bad setting stops the server at start-up; a count is never what reports it.
    return false;
  }
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** One answered request, under its route's pattern (server/http/request.ts times route handlers). */
export function recordHttpRequest(route: string, method: string, status: number, seconds: number): void {
  if (!metricsEnabled()) return;
  const verb = METHODS.has(method) ? method : "OTHER";
  metrics().httpRequests.inc({ route, method: verb, status: String(status) });
  metrics().httpDuration.observe({ route, method: verb }, seconds);
}

type ProcedureResult = { ok: true } | { ok: false; error: { code: string } };

/**
 * Times one tRPC call and counts it by result: the body of a middleware,
 * `t.middleware(({ path, type, next }) => timeProcedure(path, type, next))`. Placed before the
 * error mapper, it sees the code the caller gets (BAD_REQUEST for a service's INVALID_INPUT).
 */
export async function timeProcedure<R extends ProcedureResult>(path: string, type: string, next: () => Promise<R>): Promise<R> {
  if (!metricsEnabled()) return next();
  const started = performance.now();
  const result = await next();
  const labels = { procedure: path, type };
  metrics().procedureCalls.inc({ ...labels, code: result.ok ? "OK" : result.error.code });
  metrics().procedureDuration.observe(labels, (performance.now() - started) / 1000);
  return result;
}

export function recordDbQuery(seconds: number, failed: boolean): void {
  if (!metricsEnabled()) return;
  metrics().queryDuration.observe({ outcome: failed ? "error" : "ok" }, seconds);
}

export function recordSignInFailure(reason: string): void {
  if (!metricsEnabled()) return;
  metrics().signInFailures.inc({ reason });
}

/**
 * The limit a key belongs to: its leading words, at most three (`signin:fail:address` of
 * `signin:fail:address:203.0.113.9:fan@example.test`), so no address, email or id is a label.
 */
export function rateLimitName(key: string): string {
  const words: string[] = [];
  for (const part of key.split(":")) {
    if (words.length === 3 || !/^[a-z][a-z-]*$/.test(part)) break;
    words.push(part);
  }
  return words.join(":") || "other";
}

/** `key` is the limited key, as the rate limiter stores it. */
export function recordRateLimited(key: string): void {
  if (!metricsEnabled()) return;
  metrics().rateLimited.inc({ limit: rateLimitName(key) });
}

export function recordSaveConflict(reason: "autosave" | "manual"): void {
  if (!metricsEnabled()) return;
  metrics().saveConflicts.inc({ reason });
}

export function recordBeacon(outcome: "buffered" | "bot" | "declined" | "prefetch" | "overflow"): void {
  if (!metricsEnabled()) return;
  metrics().analyticsBeacons.inc({ outcome });
}

export function recordAnalyticsWrite(outcome: "written" | "dropped", events: number): void {
  if (!metricsEnabled()) return;
  metrics().analyticsWritten.inc({ outcome }, events);
}
