// The job queues as an operator sees them, whichever engine runs them: depth, lag and failures per
// queue, and a failed job retried or discarded. pg-boss keeps its jobs in the database, so these
// read its tables; the in-process runner keeps them in this process (./in-process-jobs.ts).
import "server-only";
import { z } from "zod";
import { databaseKind, type Db } from "@/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { currentRunner } from "../../jobs/registry";
import type { ServiceContext } from "../context";
import { inProcessJobs } from "./in-process-jobs";
import { requireOperator } from "./operator";
import { discardPgBossJob, pgBossFailedJobs, pgBossInstalled, pgBossQueueStats, retryPgBossJob } from "./pg-boss-jobs";

export type QueueStats = {
  queue: string;
  /** Due and waiting for a worker, retries included. */
  waiting: number;
  /** Waiting for a later time. */
  scheduled: number;
  active: number;
  /** Failed and due to be tried again. */
  retrying: number;
  /** Failed for good: kept for the operator. */
  failed: number;
  /** How long the oldest due job has waited past its time. */
  lagSeconds: number;
};

export type FailedJob = {
  id: string;
  queue: string;
  data: unknown;
  error: string | null;
  attempts: number;
  failedAt: Date | null;
};

export type JobEngine = "pg-boss" | "in-process";

/** The failed jobs an operator is shown at once; the oldest beyond it wait their turn. */
const FAILED_SHOWN = 50;

export const jobRefInput = z.strictObject({
  queue: z.string().trim().min(1).max(200),
  id: z.uuid(),
});

/**
 * The engine of this process's runner; without one (scripts, tests), the one the app would start
 * on this database.
 */
export function jobEngine(): JobEngine {
  return currentRunner()?.engine ?? (databaseKind() === "postgres" ? "pg-boss" : "in-process");
}

export async function queueStats(db: Db, now: Date): Promise<QueueStats[]> {
  if (jobEngine() === "pg-boss") return (await pgBossInstalled(db)) ? pgBossQueueStats(db, now) : [];
  return inProcessJobs().stats(now);
}

export async function failedJobs(db: Db): Promise<FailedJob[]> {
  if (jobEngine() === "pg-boss") return (await pgBossInstalled(db)) ? pgBossFailedJobs(db, FAILED_SHOWN) : [];
  return inProcessJobs().failed(FAILED_SHOWN);
}

function noLongerFailed(): AppError {
  return new AppError(
    AppErrorCode.NOT_FOUND,
    "This job is no longer among the failed ones: it was retried or discarded already. Reload the page.",
  );
}

/** Puts a failed job back in its queue; it runs as soon as a worker is free. */
export async function retryFailedJob(ctx: ServiceContext, input: z.input<typeof jobRefInput>): Promise<void> {
  await requireOperator(ctx);
  const { queue, id } = jobRefInput.parse(input);
  const retried = jobEngine() === "pg-boss" ? await retryPgBossJob(ctx.db, queue, id) : inProcessJobs().retry(queue, id);
  if (!retried) throw noLongerFailed();
}

/** Drops a failed job for good; what it was for is left as it stands. */
export async function discardFailedJob(ctx: ServiceContext, input: z.input<typeof jobRefInput>): Promise<void> {
  await requireOperator(ctx);
  const { queue, id } = jobRefInput.parse(input);
  const discarded = jobEngine() === "pg-boss" ? await discardPgBossJob(ctx.db, queue, id) : inProcessJobs().discard(queue, id);
  if (!discarded) throw noLongerFailed();
}
