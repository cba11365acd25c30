// One scrape of /api/metrics: the gauges read from the database (its reachability and connections,
// the job queues, the email backlog) are filled in, then every metric is rendered. Each collector
// has a deadline, so a database that does not answer still gets a prompt answer saying so
// (atelier_db_up 0) instead of a scrape that times out.
import "server-only";
import { getDb, type Db } from "@/db/client";
import { checkHealth } from "../services/health";
import { databaseConnections, poolMax } from "../services/operations/database";
import { emailBacklog } from "../services/operations/email";
import { instanceInfo } from "../services/operations/instance";
import { queueStats } from "../services/operations/jobs";
import { metrics, type Metrics } from "./metrics";

/** A collector that takes longer is reported down; Prometheus's own scrape timeout is 10 s by default. */
const COLLECTOR_DEADLINE_MS = 3000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

type Collector = (m: Metrics, db: Db, now: Date) => Promise<void>;

const collectors: Record<string, Collector> = {
  async database(m, db) {
    const health = await checkHealth();
    m.dbUp.set(health.database.status === "ok" ? 1 : 0);
    // NaN, not 0, while it does not answer: a graph shows a gap, not a fast database.
    m.dbPingSeconds.set(health.database.latencyMs === undefined ? NaN : health.database.latencyMs / 1000);
    m.dbPoolMax.set(poolMax());
    if (health.database.status !== "ok") return;
    for (const row of await databaseConnections(db)) m.dbConnections.set({ application: row.application, state: row.state }, row.count);
  },
  async jobs(m, db, now) {
    for (const queue of await queueStats(db, now)) {
      const labels = { queue: queue.queue };
      m.queueDepth.set(labels, queue.waiting);
      m.queueScheduled.set(labels, queue.scheduled);
      m.queueLag.set(labels, queue.lagSeconds);
      m.jobsActive.set(labels, queue.active);
      m.jobsRetrying.set(labels, queue.retrying);
      m.jobsFailed.set(labels, queue.failed);
    }
  },
  async email(m, db) {
    const backlog = await emailBacklog(db);
    for (const [state, count] of Object.entries(backlog.deliveries)) m.emailDeliveries.set({ state }, count);
    m.emailPending.set(backlog.pending);
    m.emailOpenNotifications.set(backlog.openNotifications);
  },
};

type Blankable = { reset(): void; set(value: number): void };

/**
 * The gauges each collector fills in. Labelled ones are emptied before it runs, so a queue that is
 * gone leaves no series behind; if it fails, the single ones read NaN: a gap, not a stale or zero
 * figure.
 */
const gaugesOf = (m: Metrics): Record<string, { labelled: Blankable[]; single: Blankable[] }> => ({
  database: { labelled: [m.dbConnections], single: [] },
  jobs: { labelled: [m.queueDepth, m.queueScheduled, m.queueLag, m.jobsActive, m.jobsRetrying, m.jobsFailed], single: [] },
  email: { labelled: [m.emailDeliveries], single: [m.emailPending, m.emailOpenNotifications] },
});

export async function scrapeMetrics(db: Db = getDb(), now = new Date()): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const { version, commit } = instanceInfo(now);
  m.buildInfo.reset();
  m.buildInfo.set({ version, commit: commit ?? "unknown" }, 1);
  await Promise.all(
    Object.entries(collectors).map(async ([name, collect]) => {
      const gauges = gaugesOf(m)[name];
      for (const gauge of gauges?.labelled ?? []) gauge.reset();
      try {
        await withDeadline(collect(m, db, now), COLLECTOR_DEADLINE_MS);
        m.collectorUp.set({ collector: name }, 1);
      } catch {
        for (const gauge of gauges?.single ?? []) gauge.set(NaN);
        m.collectorUp.set({ collector: name }, 0);
      }
    }),
  );
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
