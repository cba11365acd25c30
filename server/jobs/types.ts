// What a job handler gets and what a job runner offers, whichever engine runs the jobs.
import "server-only";
import type { Db } from "@/db/client";

/** Handlers get the database and the clock, like services do, so they can call services directly. */
export type JobContext = { db: Db; now: Date };

export type QueueHandler<T> = (data: T, ctx: JobContext) => Promise<void>;
export type PeriodicHandler = (ctx: JobContext) => Promise<void>;

export type SendOptions = {
  /** Not before this instant. */
  startAfter?: Date;
};

export interface JobRunner {
  readonly engine: "pg-boss" | "in-process";
  /** Runs `handler` for every job sent to `queue`. Handlers must be idempotent: a job may run twice. */
  work<T extends object>(queue: string, handler: QueueHandler<T>): Promise<void>;
  /** Runs `handler` every `everyMinutes` minutes, once across all workers where the engine allows. */
  every(name: string, everyMinutes: number, handler: PeriodicHandler): Promise<void>;
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<void>;
  /** Stops taking jobs, waits briefly for running ones, and closes the runner's connections. */
  stop(): Promise<void>;
}
