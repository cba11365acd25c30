// The in-process runner's jobs as an operator sees them: what waits, runs and failed in this
// process, and a failed job's retry. The runner records each job here; like the runner, it keeps
// nothing across a restart (the periodic sweeps catch up on what a restart dropped).
import "server-only";
import { randomUUID } from "node:crypto";
import type { FailedJob, QueueStats } from "./jobs";

export type HeldJobState = "waiting" | "active" | "failed";

export type HeldJob = {
  id: string;
  queue: string;
  data: object;
  runAt: Date;
  state: HeldJobState;
  /** Runs so far, the current one included. */
  attempts: number;
  error: string | null;
  failedAt: Date | null;
};

/** What the runner gets back for a job it holds: run its handler through `run`, or drop it. */
export type HeldJobHandle = {
  readonly id: string;
  /** Runs `task` as this job: failures are kept with the task for a retry, and still thrown. */
  run(task: () => Promise<void>): Promise<void>;
  /** The runner let go of it (stopped, or no handler for its queue). */
  drop(): void;
};

/** Failed jobs kept per process; the oldest go first. Enough to see a pattern, bounded in memory. */
const MAX_FAILED = 200;

type Entry = HeldJob & { task: (() => Promise<void>) | null };

export class InProcessJobs {
  private readonly entries = new Map<string, Entry>();

  queued(queue: string, data: object, runAt: Date): HeldJobHandle {
    const entry: Entry = { id: randomUUID(), queue, data, runAt, state: "waiting", attempts: 0, error: null, failedAt: null, task: null };
    this.entries.set(entry.id, entry);
    return { id: entry.id, run: (task) => this.run(entry, task), drop: () => this.entries.delete(entry.id) };
  }

  private async run(entry: Entry, task: () => Promise<void>): Promise<void> {
    Object.assign(entry, { state: "active", attempts: entry.attempts + 1, task });
    this.entries.set(entry.id, entry);
    try {
      await task();
      this.entries.delete(entry.id);
    } catch (error) {
      Object.assign(entry, { state: "failed", error: error instanceof Error ? error.message : String(error), failedAt: new Date() });
      this.trimFailed();
      throw error;
    }
  }

  private trimFailed(): void {
    const failed = [...this.entries.values()].filter((entry) => entry.state === "failed");
    for (const entry of failed.slice(0, Math.max(0, failed.length - MAX_FAILED))) this.entries.delete(entry.id);
  }

  list(): HeldJob[] {
    return [...this.entries.values()].map(({ task: _task, ...job }) => ({ ...job }));
  }

  /** The latest failures first. */
  failed(limit: number): FailedJob[] {
    return this.list()
      .filter((job) => job.state === "failed")
      .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
      .slice(0, limit)
      .map(({ id, queue, data, error, attempts, failedAt }) => ({ id, queue, data, error, attempts, failedAt }));
  }

  /** Per queue with jobs held now; a queue that never held one is not listed. */
  stats(now: Date): QueueStats[] {
    const byQueue = new Map<string, QueueStats>();
    for (const job of this.entries.values()) {
      const stats = byQueue.get(job.queue) ?? { queue: job.queue, waiting: 0, scheduled: 0, active: 0, retrying: 0, failed: 0, lagSeconds: 0 };
      if (job.state === "active") stats.active++;
      else if (job.state === "failed") stats.failed++;
      else if (job.runAt > now) stats.scheduled++;
      else {
        stats.waiting++;
        stats.lagSeconds = Math.max(stats.lagSeconds, (now.getTime() - job.runAt.getTime()) / 1000);
      }
      byQueue.set(job.queue, stats);
    }
    return [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue));
  }

  /**
   * Runs a failed job again now, as its runner would have; false when it is not failed (any more).
   * Resolves once the run started: its outcome shows in the list, as for any job.
   */
  retry(queue: string, id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.queue !== queue || entry.state !== "failed" || !entry.task) return false;
    void this.run(entry, entry.task).catch(() => {
      // Kept as failed with its new error; the runner logged the first failure already.
    });
    return true;
  }

  /** Forgets a failed job; false when it is not failed (any more). */
  discard(queue: string, id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.queue !== queue || entry.state !== "failed") return false;
    return this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}

// NOTE: the runner starts in instrumentation and the operator page renders in another bundle;
// both must see the one book of this process.
const globalForJobs = globalThis as unknown as { atelierInProcessJobs?: InProcessJobs };

export function inProcessJobs(): InProcessJobs {
  globalForJobs.atelierInProcessJobs ??= new InProcessJobs();
  return globalForJobs.atelierInProcessJobs;
}
