// Each job queue: what waits and for how long, what runs, and what failed.
import type { JobEngine, QueueStats } from "@/server/services/operations/jobs";
import { formatCount, formatSpan } from "./format";
import { StatusLabel } from "./status";

/** A due job waiting longer than this means the workers are not keeping up (or not running). */
const SLOW_LAG_SECONDS = 60;

const ENGINE: Record<JobEngine, string> = {
  "pg-boss": "pg-boss on PostgreSQL: every app process works the queues; jobs survive restarts.",
  "in-process": "The in-process runner of the embedded database: jobs live in this process only, and the periodic sweeps catch up after a restart.",
};

function QueueRow({ stats }: { stats: QueueStats }) {
  const tone = stats.failed > 0 ? "problem" : stats.lagSeconds > SLOW_LAG_SECONDS || stats.retrying > 0 ? "warn" : "ok";
  const words = stats.failed > 0 ? "Failed jobs" : stats.lagSeconds > SLOW_LAG_SECONDS ? "Falling behind" : stats.retrying > 0 ? "Retrying" : "OK";
  const figures = [
    { label: "Waiting", value: formatCount(stats.waiting) },
    { label: "Oldest wait", value: stats.waiting > 0 ? formatSpan(stats.lagSeconds) : "–" },
    { label: "Running", value: formatCount(stats.active) },
    { label: "Later", value: formatCount(stats.scheduled) },
    { label: "Retrying", value: formatCount(stats.retrying) },
    { label: "Failed", value: formatCount(stats.failed) },
  ];
  return (
    <li className="px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-mono text-sm font-semibold [overflow-wrap:anywhere]">{stats.queue}</h3>
        <StatusLabel tone={tone}>{words}</StatusLabel>
      </div>
      <dl className="mt-2 grid grid-cols-3 gap-x-4 gap-y-1 text-sm sm:grid-cols-6">
        {figures.map((figure) => (
          <div key={figure.label}>
            <dt className="text-xs text-muted">{figure.label}</dt>
            <dd className="font-medium tabular-nums">{figure.value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

export function JobQueues({ engine, queues }: { engine: JobEngine; queues: QueueStats[] }) {
  return (
    <section aria-labelledby="queues-heading" className="mt-10">
      <h2 id="queues-heading" className="text-lg font-semibold">
        Job queues
      </h2>
      <p className="mt-1 text-sm text-muted">{ENGINE[engine]}</p>
      {queues.length === 0 ? (
        <p className="mt-4 rounded-2xl border border-dashed border-line bg-card p-6 text-center text-muted">
          No queues yet: they appear once the job runner has started.
        </p>
      ) : (
        <ul className="mt-4 divide-y divide-line rounded-2xl border border-line bg-card">
          {queues.map((stats) => (
            <QueueRow key={stats.queue} stats={stats} />
          ))}
        </ul>
      )}
    </section>
  );
}
