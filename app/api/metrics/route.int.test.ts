// /api/metrics as Prometheus scrapes it: refused without the token, and every figure moving when
// the thing it counts happens — jobs waiting, running and failing in pg-boss on PostgreSQL, new-post
// emails sent and refused by a mail server, and the counters other modules record.
import { randomUUID } from "node:crypto";
import { TransactionRollbackError } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import packageJson from "@/package.json";
import { startPgBossRunner } from "@/server/jobs/pg-boss-runner";
import type { JobRunner } from "@/server/jobs/types";
import { recordRateLimited, recordSaveConflict, recordSignInFailure } from "@/server/observability/metrics";
import { scrapeMetrics } from "@/server/observability/scrape";
import { deliverPostNotifications } from "@/server/services/posts/notifications";
import { createCreator, createMembership, createPost, createTier, createUser } from "@/server/testing/factories";
import { sampleValue } from "@/test/metrics";
import { failFastQueue, startTestBoss } from "@/test/pg-boss";
import { startSmtpServer, type TestSmtpServer } from "@/test/smtp-server";
import { NextRequest } from "next/server";
import { handlers as authHandlers } from "@/server/auth/config";
import { savePost } from "@/server/services/posts/editing";
import { consumeRateLimit } from "@/server/services/rate-limit";
import { createCaller } from "@/server/trpc/root";
import { serviceContext, testDb } from "@/test/db";
import { GET } from "./route";

const TOKEN = `metrics-test-${randomUUID()}`;
const SETTINGS = ["METRICS_TOKEN", "SMTP_URL"] as const;
const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
let smtp: TestSmtpServer;

beforeAll(async () => {
  // The mail server refuses every "bounce-" mailbox, as a real one refuses an unknown address.
  smtp = await startSmtpServer((recipient) => recipient.startsWith("bounce-"));
  process.env.SMTP_URL = smtp.url;
  process.env.METRICS_TOKEN = TOKEN;
});

afterAll(async () => {
  for (const name of SETTINGS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await smtp.close();
});

const runners: JobRunner[] = [];
const bosses: PgBoss[] = [];
afterEach(async () => {
  await Promise.all([...runners.splice(0).map((runner) => runner.stop()), ...bosses.splice(0).map((boss) => boss.stop({ graceful: false, wait: true }))]);
});

function get(headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  return GET(new Request("http://atelier.test/api/metrics", { headers }));
}

async function scrape(): Promise<string> {
  const response = await get();
  expect(response.status).toBe(200);
  return response.text();
}

const sample = async (name: string, labels: Record<string, string> = {}) => sampleValue(await scrape(), name, labels);

describe("access", () => {
  it("answers the token with Prometheus's text format, never cached", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("asks for the token without it or with a wrong one, and shows nothing", async () => {
    for (const headers of [{}, { authorization: "Bearer not-the-token-at-all" }] as Record<string, string>[]) {
      const response = await get(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="atelier-metrics"');
      expect(await response.text()).toBe("");
    }
  });

  it("is not there while neither a token nor an address is configured", async () => {
    delete process.env.METRICS_TOKEN;
    try {
      expect((await get()).status).toBe(404);
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
    }
  });
});

describe("the process and the database", () => {
  it("reports the build, Node's own figures, and a database that answers", async () => {
    const text = await scrape();
    expect(sampleValue(text, "atelier_build_info", { version: packageJson.version })).toBe(1);
    expect(sampleValue(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sampleValue(text, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    expect(sampleValue(text, "atelier_db_up")).toBe(1);
    expect(sampleValue(text, "atelier_db_pool_max_connections")).toBe(10);
    // This process's own pool holds at least the connection that asked.
    expect(sampleValue(text, "atelier_db_connections")).toBeGreaterThanOrEqual(1);
    for (const collector of ["database", "jobs", "email"]) expect(sampleValue(text, "atelier_scrape_collector_up", { collector })).toBe(1);
  });
});

describe("job queues on pg-boss", () => {
  it("show jobs running, waiting behind them with their lag, and waiting for later", async () => {
    const queue = `metrics-test-${randomUUID()}`;
    const labels = { queue };
    const runner = await startPgBossRunner({
      connectionString: process.env.DATABASE_URL!,
      db: testDb(),
      applicationName: "atelier-test-metrics",
      pollingIntervalSeconds: 0.5,
    });
    runners.push(runner);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    await runner.work(queue, async () => {
      runs++;
      await gate;
    });

    await runner.send(queue, { n: 1 });
    await expect.poll(() => sample("atelier_jobs_active", labels), { timeout: 10_000 }).toBe(1);
    // The worker is busy with the first job: the second waits, and its wait shows as lag.
    await runner.send(queue, { n: 2 });
    await runner.send(queue, { n: 3 }, { startAfter: new Date(Date.now() + 60 * 60_000) });
    await expect.poll(() => sample("atelier_job_queue_lag_seconds", labels), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const text = await scrape();
    expect(sampleValue(text, "atelier_job_queue_depth", labels)).toBe(1);
    expect(sampleValue(text, "atelier_job_queue_scheduled", labels)).toBe(1);
    // pg-boss's own queue for handing out periodic jobs is not one of the app's.
    expect(text).not.toContain('queue="__pgboss__');

    release();
    await expect.poll(() => sample("atelier_job_queue_depth", labels), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => sample("atelier_jobs_active", labels), { timeout: 10_000 }).toBe(0);
    expect(runs).toBe(2);
    expect(await sample("atelier_job_queue_lag_seconds", labels)).toBe(0);
  });

  it("count a job that failed for good", async () => {
    const queue = `metrics-test-${randomUUID()}`;
    const boss = await startTestBoss();
    bosses.push(boss);
    await failFastQueue(boss, queue, async () => {
      throw new Error("the mail server is down");
    });
    expect(await sample("atelier_jobs_failed", { queue })).toBe(0);
    await boss.send(queue, { postId: "p1" });
    await expect.poll(() => sample("atelier_jobs_failed", { queue }), { timeout: 10_000 }).toBe(1);
  });
});

describe("new-post emails", () => {
  it("count deliveries sent, refused by the mail server, and still pending", async () => {
    // NOTE: in a repeatable-read transaction, the scrapes see this test's rows and none that other
    // test files write meanwhile, so each change is exactly this test's.
    await testDb().transaction(
      async (db) => {
        const before = (await scrapeMetrics(db)).body;
        const creator = await createCreator(db);
        const tier = await createTier(db, { creator, monthlyPrice: 0 });
        await createMembership(db, { tier, user: await createUser(db, { email: `reader-${randomUUID()}@example.test` }) });
        await createMembership(db, { tier, user: await createUser(db, { email: `bounce-${randomUUID()}@example.test` }) });
        const post = await createPost(db, { creator, title: "Studio notes", publish: true });
        // One email was refused: the job fails, so the queue tries it again later.
        await expect(deliverPostNotifications(db, post.id, new Date())).rejects.toThrow();

        const after = (await scrapeMetrics(db)).body;
        const moved = (name: string, labels: Record<string, string> = {}) =>
          (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
        expect(moved("atelier_email_deliveries", { state: "sent" })).toBe(1);
        expect(moved("atelier_email_deliveries", { state: "failed" })).toBe(1);
        // The refused one has attempts left, and its post's notification stays open until it goes out.
        expect(moved("atelier_email_deliveries_pending")).toBe(1);
        expect(moved("atelier_email_open_notifications")).toBe(1);
        db.rollback();
      },
      { isolationLevel: "repeatable read" },
    ).catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
    expect(smtp.received.filter((recipient) => recipient.startsWith("reader-"))).toHaveLength(1);
  });
});

describe("counters recorded where things happen", () => {
  it("reach the scrape from any module that records them", async () => {
    const before = await scrape();
    recordSignInFailure("no_match");
    recordRateLimited("signin:fail:address:203.0.113.9");
    recordSaveConflict("autosave");
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(moved("atelier_sign_in_failures_total", { reason: "no_match" })).toBe(1);
    expect(moved("atelier_rate_limited_total", { limit: "signin:fail:address" })).toBe(1);
    expect(moved("atelier_post_save_conflicts_total", { reason: "autosave" })).toBe(1);
    expect(after).not.toContain("203.0.113.9");
  });
});

describe("counters wired where things happen", () => {
  it("count tRPC calls by procedure and the code the caller got", async () => {
    const creator = await createCreator(testDb());
    const before = await scrape();
    await createCaller(serviceContext({ viewer: creator.user })).creator.me();
    await expect(createCaller(serviceContext()).creator.me()).rejects.toThrow("Sign in to continue.");
    const after = await scrape();
    const moved = (labels: Record<string, string>) =>
      (sampleValue(after, "atelier_trpc_calls_total", labels) ?? 0) - (sampleValue(before, "atelier_trpc_calls_total", labels) ?? 0);
    expect(moved({ procedure: "creator.me", type: "query", code: "OK" })).toBe(1);
    expect(moved({ procedure: "creator.me", type: "query", code: "UNAUTHORIZED" })).toBe(1);
  });

  it("count a refused sign-in by its reason", async () => {
    const user = await createUser(testDb());
    const before = (await sample("atelier_sign_in_failures_total", { reason: "no_match" })) ?? 0;
    const csrf = await authHandlers.GET(new NextRequest("http://localhost:3000/api/auth/csrf"));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const body = new URLSearchParams({ csrfToken, email: user.email, password: "not the password at all", callbackUrl: "/studio" });
    const response = await authHandlers.POST(
      new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        body,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(response.headers.get("location")).toContain("error");
    expect(await sample("atelier_sign_in_failures_total", { reason: "no_match" })).toBe(before + 1);
  });

  it("count attempts a rate limit refused, by limit", async () => {
    const key = `media:upload:${randomUUID()}`;
    const rule = { limit: 1, windowSeconds: 60 };
    const before = (await sample("atelier_rate_limited_total", { limit: "media:upload" })) ?? 0;
    expect((await consumeRateLimit(testDb(), key, rule)).allowed).toBe(true);
    expect((await consumeRateLimit(testDb(), key, rule)).allowed).toBe(false);
    expect(await sample("atelier_rate_limited_total", { limit: "media:upload" })).toBe(before + 1);
  });

  it("count a save refused because the post changed elsewhere", async () => {
    const creator = await createCreator(testDb());
    const post = await createPost(testDb(), { creator });
    const ctx = { ...serviceContext({ viewer: creator.user }), creator };
    const save = (title: string) => savePost(ctx, { id: post.id, baseVersion: post.version, title, document: post.document, reason: "autosave" });
    const before = (await sample("atelier_post_save_conflicts_total", { reason: "autosave" })) ?? 0;
    await save("From the laptop");
    await expect(save("From the phone")).rejects.toThrow("changed somewhere else");
    expect(await sample("atelier_post_save_conflicts_total", { reason: "autosave" })).toBe(before + 1);
  });

});
