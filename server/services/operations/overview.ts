// Everything on the operator's health page in one answer. Each part is read on its own, so a
// database that does not answer still leaves the version, Redis and storage to look at.
import "server-only";
import { log } from "../../observability/log";
import type { ServiceContext } from "../context";
import { checkHealth, type Health } from "../health";
import { databaseDetails, type DatabaseDetails } from "./database";
import { emailBacklog, recentEmailFailures, type EmailBacklog, type EmailFailure } from "./email";
import { instanceInfo, type InstanceInfo } from "./instance";
import { failedJobs, jobEngine, queueStats, type FailedJob, type JobEngine, type QueueStats } from "./jobs";
import { requireOperator } from "./operator";
import { redisStatus, type RedisStatus } from "./redis";
import { storageStatus, type StorageStatus } from "./storage";

/** A part that could not be read says why in plain words; the others are still shown. */
export type Part<T> = { ok: true; value: T } | { ok: false; problem: string };

export type OperationsOverview = {
  instance: InstanceInfo;
  health: Health;
  database: Part<DatabaseDetails>;
  jobs: Part<{ engine: JobEngine; queues: QueueStats[]; failed: FailedJob[] }>;
  email: Part<EmailBacklog & { recentFailures: EmailFailure[] }>;
  redis: RedisStatus;
  storage: Part<StorageStatus>;
};

async function part<T>(name: string, read: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    log.error({ err: error, part: name }, "the operator page could not read one of its parts");
    return { ok: false, problem: `Could not read ${name} (the server log has the error).` };
  }
}

export async function getOperationsOverview(ctx: ServiceContext): Promise<OperationsOverview> {
  await requireOperator(ctx);
  const { db, now } = ctx;
  const [health, database, jobs, email, redis, storage] = await Promise.all([
    checkHealth(),
    part("the database", () => databaseDetails(db)),
    part("the job queues", async () => {
      const [queues, failed] = await Promise.all([queueStats(db, now), failedJobs(db)]);
      return { engine: jobEngine(), queues, failed };
    }),
    part("the email backlog", async () => ({ ...(await emailBacklog(db)), recentFailures: await recentEmailFailures(db) })),
    redisStatus(),
    part("the media folder", () => storageStatus()),
  ]);
  return { instance: instanceInfo(now), health, database, jobs, email, redis, storage };
}
