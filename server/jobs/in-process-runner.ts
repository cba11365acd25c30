// Jobs on the embedded database: timers in the app process, which is the database's only owner.
// Nothing is persisted here; the periodic sweeps and the start-up run catch up on anything a
// restart dropped, since the state jobs act on (a post's status and time) lives in the database.
import "server-only";
import type { Db } from "@/db/client";
import { inProcessJobs } from "../services/operations/in-process-jobs";
import { runJob, splitPayload } from "./job-context";
import type { JobRunner, PeriodicHandler, QueueHandler, SendOptions } from "./types";

/** setTimeout cannot wait longer than this; later jobs are left to the periodic sweep. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startInProcessRunner(options: { db: Db }): JobRunner {
  const handlers = new Map<string, QueueHandler<object>>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  function run(task: () => Promise<void>) {
    if (stopped) return;
    const promise = task()
      // Logged by runJob and kept for the operator's page; nothing retries it by itself.
      .catch(() => {})
      .finally(() => running.delete(promise));
    running.add(promise);
  }

  return {
    engine: "in-process",
    async work<T extends object>(queue: string, handler: QueueHandler<T>) {
      handlers.set(queue, handler as QueueHandler<object>);
    },
    async every(name: string, everyMinutes: number, handler: PeriodicHandler) {
      const tick = () => {
        const job = inProcessJobs().queued(name, {}, new Date());
        return job.run(() => runJob({ queue: name, id: job.id, engine: "in-process" }, {}, () => handler({ db: options.db, now: new Date() })));
      };
      const timer = setInterval(() => run(tick), everyMinutes * 60_000);
      timer.unref();
      timers.add(timer);
    },
    async send<T extends object>(queue: string, data: T, sendOptions: SendOptions = {}) {
      const runAt = sendOptions.startAfter ?? new Date();
      const delay = Math.max(0, runAt.getTime() - Date.now());
      if (delay > MAX_TIMER_MS) return;
      // Held for the operator's page from now on: waiting, then running, and kept if it fails.
      // The operator's page lists the job's own data, not the request id and trace it carries.
      const job = inProcessJobs().queued(queue, splitPayload(data).data, runAt);
      const timer = setTimeout(() => {
        timers.delete(timer);
        const handler = handlers.get(queue);
        if (!handler) return job.drop();
        // runJob inside the held task: a retry from the operator's page runs in the job's scope too.
        const task = () => runJob({ queue, id: job.id, engine: "in-process" }, data, (plain) => handler(plain, { db: options.db, now: new Date() }));
        run(() => job.run(task));
      }, delay);
      timer.unref();
      timers.add(timer);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // The jobs it held are gone with it; the sweeps catch up on their work after a restart.
      inProcessJobs().clear();
      await Promise.allSettled([...running]);
    },
  };
}
