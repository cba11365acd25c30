// The pg-boss runner as an operator depends on it: a job continues the request that queued it (its
// request id in the logs, its span in the request's trace) though it ran in another connection's
// worker, and a job that failed for good stays on the operator's list past pg-boss's 12 hours.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { parentOf, recordSpans } from "@/test/support/recorded-spans";
import { currentScope, runInScope, type RequestScope } from "../observability/request-scope";
import { withSpan } from "../observability/tracing";
import { startPgBossRunner } from "./pg-boss-runner";
import { enqueue, installRunner, uninstallRunner } from "./registry";
import type { JobRunner } from "./types";

const spans = recordSpans();
const runners: JobRunner[] = [];

afterEach(async () => {
  uninstallRunner();
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

async function runner(options: { maintenanceIntervalSeconds?: number } = {}): Promise<JobRunner> {
  const started = await startPgBossRunner({
    connectionString: process.env.DATABASE_URL!,
    db: testDb(),
    applicationName: `atelier-test-runner-${runners.length}`,
    pollingIntervalSeconds: 0.5,
    ...options,
  });
  runners.push(started);
  return started;
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await testDb().execute(query)) as unknown as T[];
}

describe("a job sent during a request", () => {
  it("runs with the request's id, in the request's trace, on its own data", async () => {
    const jobs = await runner();
    await installRunner(jobs);
    const queue = `trace-test-${randomUUID()}`;
    let seen: { data: object; scope: RequestScope | undefined } | undefined;
    await jobs.work(queue, async (data: object) => {
      seen = { data, scope: currentScope() };
    });

    await runInScope({ requestId: "req-pg-boss" }, () => withSpan("POST /api/trpc/post.lifecycle.schedule", {}, () => enqueue(queue, { postId: "p1" })));
    await expect.poll(() => seen, { timeout: 10_000 }).toBeDefined();

    expect(seen!.data).toEqual({ postId: "p1" });
    expect(seen!.scope).toMatchObject({ requestId: "req-pg-boss", job: { queue } });
    const [request] = spans.named("POST /api/trpc/post.lifecycle.schedule");
    await expect.poll(() => spans.named(`job ${queue}`).length).toBe(1);
    const [job] = spans.named(`job ${queue}`);
    expect(parentOf(job!)).toBe(request!.spanContext().spanId);
    expect(job!.attributes).toMatchObject({ "messaging.system": "pg-boss", "messaging.message.id": seen!.scope!.job!.id });
  });
});

describe("a job that failed for good", () => {
  it("stays on the operator's list after a half day, while finished jobs are archived", async () => {
    const jobs = await runner({ maintenanceIntervalSeconds: 1 });
    const queue = `retention-test-${randomUUID()}`;
    await jobs.work(queue, async () => {});
    const [failed, finished] = [randomUUID(), randomUUID()];
    // Both as pg-boss leaves them, thirteen hours on: one failed for good, one completed.
    for (const [id, state] of [
      [failed, "failed"],
      [finished, "completed"],
    ] as const) {
      await testDb().execute(sql`
        insert into pgboss.job (id, name, data, state, completed_on)
        values (${id}::uuid, ${queue}, '{}'::jsonb, ${state}::pgboss.job_state, now() - interval '13 hours')`);
    }
    const inJobTable = async (id: string) => (await rows<{ id: string }>(sql`select id from pgboss.job where id = ${id}::uuid`)).length;

    // The completed one going to the archive shows that maintenance ran.
    await expect.poll(() => inJobTable(finished), { timeout: 15_000 }).toBe(0);
    expect(await inJobTable(failed)).toBe(1);
  });
});
