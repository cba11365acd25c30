// Health for load balancers: the app answers, and the database answers a trivial query.
import "server-only";
import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";

export type Health = {
  status: "ok" | "degraded";
  database: { status: "ok" | "unreachable"; kind: "postgres" | "pglite" | "unknown"; latencyMs?: number };
  uptimeSeconds: number;
};

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await getDb().execute(sql`select 1`);
    return {
      status: "ok",
      database: { status: "ok", kind: databaseKind(), latencyMs: Math.round((performance.now() - started) * 10) / 10 },
      uptimeSeconds: Math.round(process.uptime()),
    };
  } catch {
    return { status: "degraded", database: { status: "unreachable", kind: "unknown" }, uptimeSeconds: Math.round(process.uptime()) };
  }
}
