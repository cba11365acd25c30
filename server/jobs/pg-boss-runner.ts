// Jobs on PostgreSQL through pg-boss: jobs live in the `pgboss` schema, any number of app processes
// may work them, and a job whose worker died is retried after it expires.
import "server-only";
import PgBoss from "pg-boss";
import type { Db } from "@/db/client";
import { log } from "../observability/log";
import { runJob } from "./job-context";
import type { JobRunner, PeriodicHandler, QueueHandler, SendOptions } from "./types";

export type PgBossRunnerOptions = {
  connectionString: string;
  /** The app's own database handle, given to handlers. */
  db: Db;
  /** How often an idle worker looks for due jobs. */
  pollingIntervalSeconds?: number;
  /** How long a claimed job may run before another worker may take it over. */
  expireInSeconds?: number;
  /** The wait before a failed or expired job runs again. */
  retryDelaySeconds?: number;
  /** Whether that wait doubles on each retry. */
  retryBackoff?: boolean;
  /** How often expired jobs are found and put back for retry. */
  maintenanceIntervalSeconds?: number;
  /** Tests start several runners in one process; each needs its own name in pg_stat_activity. */
  applicationName?: string;
};

const DEFAULTS = {
  pollingIntervalSeconds: 1,
  expireInSeconds: 15 * 60,
  retryDelaySeconds: 5,
  retryBackoff: true,
  maintenanceIntervalSeconds: 60,
};

/**
 * How long a job that failed for good stays in pg-boss's job table, where the operator page lists
 * it to retry or discard. pg-boss moves it to its archive after 12 hours by default (with completed
 * jobs), so a job that failed on Friday night was gone from the page by Saturday morning.
 */
export const FAILED_JOBS_KEPT_SECONDS = 7 * 24 * 60 * 60;

/** 1 → every minute, 15 → every quarter hour, 60 → hourly, 120 → every other hour. */
export function cronEvery(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error(`Cannot run a job every ${minutes} minutes.`);
  if (minutes < 60) return minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? "0 * * * *" : `0 */${Math.min(hours, 23)} * * *`;
}

export async function startPgBossRunner(options: PgBossRunnerOptions): Promise<JobRunner> {
  const settings = { ...DEFAULTS, ...options };
  const boss = new PgBoss({
    connectionString: options.connectionString,
    application_name: options.applicationName ?? "atelier-jobs",
    // A small pool of its own: jobs must not starve requests of connections.
    max: 3,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    archiveFailedAfterSeconds: FAILED_JOBS_KEPT_SECONDS,
    // Periodic jobs are sent from here; without it, `every` would never fire.
    schedule: true,
  });
  // An EventEmitter "error" without a listener would crash the process.
  boss.on("error", (error) => log.error({ err: error }, "pg-boss reported an error"));
  await boss.start();

  const createQueue = (name: string) =>
    boss.createQueue(name, {
      name,
      retryLimit: 10,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: settings.retryBackoff,
      expireInSeconds: settings.expireInSeconds,
    });

  return {
    engine: "pg-boss",
    async work<T extends object>(queue: string, handler: QueueHandler<T>) {
      await createQueue(queue);
      await boss.work<T>(
        queue,
        { pollingIntervalSeconds: settings.pollingIntervalSeconds, batchSize: 10 },
        async (jobs) => {
          // The jobs of a batch are independent, so one slow job does not hold up the others. One
          // failed job fails the batch and all of it is retried: handlers are idempotent.
          await Promise.all(
            jobs.map((job) =>
              runJob({ queue, id: job.id, engine: "pg-boss" }, job.data, (data) => handler(data as T, { db: options.db, now: new Date() })),
            ),
          );
        },
      );
    },
    async every(name: string, everyMinutes: number, handler: PeriodicHandler) {
      await createQueue(name);
      await boss.schedule(name, cronEvery(everyMinutes));
      await boss.work(name, { pollingIntervalSeconds: settings.pollingIntervalSeconds }, async (jobs) => {
        for (const job of jobs) {
          await runJob({ queue: name, id: job.id, engine: "pg-boss" }, job.data, () => handler({ db: options.db, now: new Date() }));
        }
      });
    },
    async send<T extends object>(queue: string, data: T, sendOptions: SendOptions = {}) {
      await boss.send(queue, data, { startAfter: sendOptions.startAfter });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000, close: true, wait: true });
    },
  };
}
