// Which jobs the app runs, and the runner of this process. Kept on globalThis: Next.js bundles
// instrumentation and route handlers separately, and both must see the same runner.
import "server-only";
import { withCarriedContext } from "./job-context";
import type { JobRunner, PeriodicHandler, QueueHandler, SendOptions } from "./types";

type Registration =
  | { kind: "queue"; name: string; handler: QueueHandler<object> }
  | { kind: "periodic"; name: string; everyMinutes: number; handler: PeriodicHandler };

type JobsState = { registrations: Map<string, Registration>; runner: JobRunner | null };

const globalForJobs = globalThis as unknown as { atelierJobs?: JobsState };

function state(): JobsState {
  globalForJobs.atelierJobs ??= { registrations: new Map(), runner: null };
  return globalForJobs.atelierJobs;
}

async function attach(runner: JobRunner, registration: Registration): Promise<void> {
  if (registration.kind === "queue") await runner.work(registration.name, registration.handler);
  else await runner.every(registration.name, registration.everyMinutes, registration.handler);
}

async function register(registration: Registration): Promise<void> {
  const { registrations, runner } = state();
  if (registrations.has(registration.name)) return;
  registrations.set(registration.name, registration);
  if (runner) await attach(runner, registration);
}

/** Runs `handler` for every job sent to `queue`. It must be idempotent: a job may run twice. */
export function registerQueue<T extends object>(queue: string, handler: QueueHandler<T>): Promise<void> {
  return register({ kind: "queue", name: queue, handler: handler as QueueHandler<object> });
}

/**
 * Runs `handler` every `everyMinutes` minutes (on PostgreSQL once across all app processes).
 * Safe to call before or after the runner starts, and more than once.
 */
export function registerPeriodicJob(name: string, everyMinutes: number, handler: PeriodicHandler): Promise<void> {
  return register({ kind: "periodic", name, everyMinutes, handler });
}

/** Hands the registered jobs to `runner` and makes it this process's runner. */
export async function installRunner(runner: JobRunner): Promise<void> {
  const current = state();
  current.runner = runner;
  for (const registration of current.registrations.values()) await attach(runner, registration);
}

export function currentRunner(): JobRunner | null {
  return state().runner;
}

export function uninstallRunner(): JobRunner | null {
  const current = state();
  const runner = current.runner;
  current.runner = null;
  return runner;
}

/**
 * Sends a job if this process runs jobs and reports whether it did. Without a runner (scripts,
 * tests) nothing is lost: jobs act on state kept in the database, which the sweeps pick up. The
 * job carries the request id and trace of the work that sent it (./job-context.ts).
 */
export async function enqueue<T extends object>(queue: string, data: T, options?: SendOptions): Promise<boolean> {
  const runner = state().runner;
  if (!runner) return false;
  await runner.send(queue, withCarriedContext(data), options);
  return true;
}
