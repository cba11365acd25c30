// Server start-up: configuration checks, request ids and logging, then migrations and the job
// runner (which first publishes whatever came due while the server was down). A database that does
// not answer does not stop the server: it serves (503 until the schema is current) and keeps
// trying in the background.
import "server-only";
import { databaseOutage } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { observeQueries } from "@/db/query-timing";
import { authSecret } from "./auth/secret";
import { env, isProduction } from "./env";
import { startIngestListener } from "./http/ingest-listener";
import { followIncomingRequests } from "./http/request";
import { startJobs } from "./jobs/start";
import { log } from "./observability/log";
import { metricsEnabled, recordDbQuery } from "./observability/metrics";
import { routeConsoleToLog } from "./observability/request-errors";

/** The pause between attempts while the database does not answer: recovery lags at most this. */
const OUTAGE_RETRY_MS = 250;
/** The pause after any other failure. */
const FAILURE_RETRY_MS = 5000;

export async function startServer(): Promise<void> {
  try {
    authSecret();
  } catch (error) {
    // NOTE: like a bad setting (checkEnvAtStart), words for the person starting the server, who
    // reads them in a terminal or a service's status: nothing has been logged or served yet.
    console.error(`\n  ${(error as Error).message}\n`);
    process.exit(1);
  }
  // From here on every line is the logger's: Next.js's own too in production, where a log
  // collector reads them (development keeps Next.js's readable output as it is).
  if (isProduction()) routeConsoleToLog();
  followIncomingRequests();
  // The query-duration histogram, timed where every statement passes (db/query-timing.ts); not
  // even timed when nobody can read the metrics.
  if (metricsEnabled()) observeQueries(({ seconds, ok }) => recordDbQuery(seconds, !ok));
  await listenForBeacons();
  // NOTE: the first attempt is awaited, so a server whose database answers serves a current schema
  // from its first request. Next.js keeps a rejected start-up for good (every request then answered
  // 500, health included, even after the database came back): this must never throw.
  const pause = await bringUp();
  if (pause !== null) void keepTrying(pause);
}

const INGEST_STARTED = Symbol.for("atelier.ingestListener");

/** The analytics ingest's own port, when one is configured; once per process. */
async function listenForBeacons(): Promise<void> {
  const { ANALYTICS_INGEST_PORT: port, ANALYTICS_INGEST_HOST: host } = env();
  const process_ = globalThis as { [INGEST_STARTED]?: boolean };
  if (port === 0 || process_[INGEST_STARTED]) return;
  process_[INGEST_STARTED] = true;
  try {
    await startIngestListener(port, host);
    log.info({ port, host }, "analytics beacons are taken on their own port");
  } catch (error) {
    // The app's /api/events route still takes beacons sent to the app itself; serving goes on.
    log.error({ err: error, port, host }, "cannot listen for analytics beacons on ANALYTICS_INGEST_PORT");
  }
}

let lastFailure: string | null = null;

/**
 * Migrations, then the job runner; both safe to call again. Resolves with the pause before the
 * next attempt, or null once both are done.
 */
async function bringUp(): Promise<number | null> {
  try {
    await migrateDatabase();
    await startJobs();
    if (lastFailure !== null) log.info("the database answers: migrations are applied and jobs run");
    return null;
  } catch (error) {
    // An outage passes by itself and is worth watching closely; anything else (a migration that
    // fails, say) needs a person, and trying it four times a second would only fill the log.
    const pause = databaseOutage(error) ? OUTAGE_RETRY_MS : FAILURE_RETRY_MS;
    const message = error instanceof Error ? error.message || error.name : String(error);
    // Once per kind of failure, not on every attempt.
    if (message !== lastFailure) {
      log[databaseOutage(error) ? "warn" : "error"]({ err: error, retryMs: pause }, "cannot start yet: serving 503 and trying again");
      lastFailure = message;
    }
    return pause;
  }
}

async function keepTrying(pause: number): Promise<void> {
  for (let next: number | null = pause; next !== null; next = await bringUp()) {
    const wait = next;
    // unref: a server told to stop must not wait for the next attempt.
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}
