// Health for load balancers and supervisors: the app answers, the database answers a trivial query
// in time, and start-up has brought the schema up to date. Jobs are reported, not required.
import "server-only";
import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { migrationsApplied } from "@/db/migrate";
import { currentRunner } from "../jobs/registry";

export type Health = {
  status: "ok" | "degraded";
  database: { status: "ok" | "unreachable"; kind: "postgres" | "pglite" | "unknown"; latencyMs?: number };
  /** "pending" until start-up has applied the migrations (it keeps trying while the database is down). */
  schema: "current" | "pending";
  jobs: "running" | "waiting";
  uptimeSeconds: number;
};

/**
 * How long the database gets to answer `select 1`. A check must answer within a second whatever
 * the database does (a load balancer's own timeout is often two), and a database slower than this
 * at `select 1` cannot serve pages either.
 */
export const HEALTH_QUERY_BUDGET_MS = 700;

/** `select 1`'s latency in milliseconds, or null when it failed or did not answer in time. */
async function pingDatabase(): Promise<number | null> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no answer in time")), HEALTH_QUERY_BUDGET_MS);
  });
  try {
    // NOTE: a query left behind by the deadline fails on its own once its connection does.
    await Promise.race([getDb().execute(sql`select 1`), deadline]);
    return Math.round((performance.now() - started) * 10) / 10;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<Health> {
  const latencyMs = await pingDatabase();
  const schema = migrationsApplied() ? "current" : "pending";
  const database: Health["database"] =
    latencyMs === null ? { status: "unreachable", kind: "unknown" } : { status: "ok", kind: databaseKind(), latencyMs };
  return {
    status: database.status === "ok" && schema === "current" ? "ok" : "degraded",
    database,
    schema,
    jobs: currentRunner() ? "running" : "waiting",
    uptimeSeconds: Math.round(process.uptime()),
  };
}
