// Starts this process's job runner after migrations: pg-boss on PostgreSQL, timers on the embedded
// database. Publishes whatever came due while the app was down, and stops cleanly on SIGTERM.
// Start-up calls it again until it succeeds (the database may not answer yet): each step is safe
// to repeat, and a runner that started is kept.
import "server-only";
import { databaseKind, getDb } from "@/db/client";
import { env } from "../env";
import { log } from "../observability/log";
import { publishDueScheduledPosts } from "../services/posts/lifecycle";
import { startInProcessRunner } from "./in-process-runner";
import { flushEvents } from "../services/analytics/ingest";
import { registerAnalyticsJobs } from "./analytics";
import { runJob } from "./job-context";
import { registerMembershipJobs } from "./memberships";
import { startPgBossRunner } from "./pg-boss-runner";
import { currentRunner, installRunner, uninstallRunner } from "./registry";
import { registerPostNotificationJobs } from "./post-notifications";
import { registerRateLimitJobs } from "./rate-limits";
import { PUBLISH_OVERDUE_POSTS } from "./queues";
import { registerPostLifecycleJobs } from "./scheduled-publish";
import type { JobRunner } from "./types";

async function createRunner(): Promise<JobRunner> {
  const db = getDb();
  const url = env().DATABASE_URL;
  if (databaseKind() === "postgres" && url) return startPgBossRunner({ connectionString: url, db });
  return startInProcessRunner({ db });
}

/**
 * The sweep's work, once, right away: what came due while the app was down goes out now rather
 * than at the sweep's next turn. Run as that job would be (its own request id, span and log lines).
 */
async function publishOverdueAtStart(runner: JobRunner): Promise<void> {
  const job = { queue: PUBLISH_OVERDUE_POSTS, id: `start-up-${crypto.randomUUID()}`, engine: runner.engine };
  await runJob(job, {}, async () => {
    const published = await publishDueScheduledPosts(getDb(), new Date());
    if (published > 0) log.info({ published }, "published scheduled posts that came due while the app was down");
  });
}

export async function startJobs(): Promise<JobRunner> {
  const running = currentRunner();
  if (running) return running;
  await registerPostLifecycleJobs();
  await registerMembershipJobs();
  await registerPostNotificationJobs();
  await registerRateLimitJobs();
  await registerAnalyticsJobs();
  const runner = await createRunner();
  await installRunner(runner);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopOnSignal(signal));
  // NOTE: the runner is up at this point, so a failure here is not start-up's to retry: the sweep
  // every minute publishes whatever this missed.
  try {
    await publishOverdueAtStart(runner);
  } catch {
    // Logged by runJob as the job's failure.
    log.warn("could not publish overdue posts at start-up; the sweep every minute will");
  }
  return runner;
}

/**
 * Next.js exits on these signals itself; a job cut short then stays claimed until it expires and
 * runs again, harmlessly. When nobody else listens, exiting is ours to do once the jobs stopped.
 */
async function stopOnSignal(signal: "SIGTERM" | "SIGINT"): Promise<void> {
  const alone = process.listenerCount(signal) === 0;
  // Page views still in memory are written before the process goes.
  await flushEvents().catch((error: unknown) => log.error({ err: error }, "writing the last analytics events failed"));
  await stopJobs().catch((error: unknown) => log.error({ err: error }, "stopping the job runner failed"));
  if (alone) process.exit(signal === "SIGTERM" ? 143 : 130);
}

export async function stopJobs(): Promise<void> {
  await uninstallRunner()?.stop();
}
