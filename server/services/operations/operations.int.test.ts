// The operator's view through its procedures, on real PostgreSQL with pg-boss: it does not exist
// for anyone but an operator, an operator sees every part of the instance, and a failed job is
// retried (and then runs) or discarded.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import packageJson from "@/package.json";
import { serviceContext, testDb, type ViewerLike } from "@/test/db";
import { caught } from "@/test/errors";
import { failFastQueue, startTestBoss } from "@/test/pg-boss";
import { startSmtpServer, type TestSmtpServer } from "@/test/smtp-server";
import { createCreator, createMembership, createPost, createTier, createUser, type TestUser } from "../../testing/factories";
import { startInProcessRunner } from "../../jobs/in-process-runner";
import { installRunner, uninstallRunner } from "../../jobs/registry";
import { createCaller } from "../../trpc/root";
import { deliverPostNotifications, MAX_DELIVERY_ATTEMPTS } from "../posts/notifications";

const SETTINGS = ["OPERATOR_EMAILS", "SMTP_URL", "MEDIA_DIR", "REDIS_URL"] as const;
const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-operations-"));
let smtp: TestSmtpServer;
let operator: TestUser;

/** Signs in with an emailed link once, as Auth.js records it: the address is then verified. */
async function verifyEmail(user: { id: string }) {
  await testDb().update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id));
}

beforeAll(async () => {
  smtp = await startSmtpServer((recipient) => recipient.startsWith("bounce-"));
  process.env.SMTP_URL = smtp.url;
  process.env.MEDIA_DIR = mediaDir;
  delete process.env.REDIS_URL;
  operator = await createUser(testDb(), { email: `ops-${randomUUID()}@example.test` });
  await verifyEmail(operator);
  // Listed as someone might type it: other case, spaces, beside another address.
  process.env.OPERATOR_EMAILS = `someone-else@example.test, ${operator.email.toUpperCase()}`;
});

afterAll(async () => {
  for (const name of SETTINGS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await smtp.close();
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

const bosses: PgBoss[] = [];
afterEach(async () => {
  await Promise.all(bosses.splice(0).map((boss) => boss.stop({ graceful: false, wait: true })));
});

const callerFor = (viewer: ViewerLike) => createCaller(serviceContext({ viewer }));

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  const error = await caught(call);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** Every operations procedure, to be called by `viewer` (a well-formed job reference for the mutations). */
function everyProcedure(viewer: ViewerLike): Record<string, () => Promise<unknown>> {
  const caller = callerFor(viewer);
  const job = { queue: "notify-post-members", id: randomUUID() };
  return {
    overview: () => caller.operations.overview(),
    retryJob: () => caller.operations.retryJob(job),
    discardJob: () => caller.operations.discardJob(job),
  };
}

describe("who sees it", () => {
  it("does not exist for a signed-in creator, nor for a listed address nobody verified", async () => {
    const creator = await createCreator(testDb());
    const unverified = await createUser(testDb(), { email: `unverified-${randomUUID()}@example.test` });
    process.env.OPERATOR_EMAILS = `${process.env.OPERATOR_EMAILS}, ${unverified.email}`;
    for (const viewer of [creator.user, unverified]) {
      for (const [name, call] of Object.entries(everyProcedure(viewer))) {
        const error = await refusal(call());
        expect({ name, code: error.code, message: error.message }).toEqual({ name, code: "NOT_FOUND", message: "This page does not exist." });
      }
    }
  });

  it("asks anonymous callers to sign in, like every signed-in page", async () => {
    for (const call of Object.values(everyProcedure(null))) expect((await refusal(call())).code).toBe("UNAUTHORIZED");
  });

  it("does not exist for anyone while no operator is configured", async () => {
    const listed = process.env.OPERATOR_EMAILS;
    delete process.env.OPERATOR_EMAILS;
    try {
      expect((await refusal(callerFor(operator).operations.overview())).code).toBe("NOT_FOUND");
    } finally {
      process.env.OPERATOR_EMAILS = listed;
    }
  });
});

describe("what an operator sees", () => {
  it("the version, the database, Redis, storage, jobs and email, each in one answer", async () => {
    const overview = await callerFor(operator).operations.overview();
    expect(overview.instance).toMatchObject({ version: packageJson.version, node: process.version });
    expect(overview.instance.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(overview.health.database).toMatchObject({ status: "ok", kind: "postgres" });
    expect(overview.database).toMatchObject({ ok: true, value: { kind: "postgres", poolMax: 10 } });
    if (!overview.database.ok) throw new Error("unreachable");
    expect(overview.database.value.serverVersion).toMatch(/^\d+/);
    expect(overview.database.value.sizeBytes).toBeGreaterThan(0);
    expect(overview.database.value.connections.length).toBeGreaterThan(0);
    expect(overview.redis).toEqual({ status: "not_configured" });
    expect(overview.storage).toMatchObject({ ok: true, value: { path: mediaDir, status: "ok" } });
    if (!overview.storage.ok) throw new Error("unreadable");
    expect(overview.storage.value.freeBytes).toBeGreaterThan(0);
    expect(overview.jobs).toMatchObject({ ok: true, value: { engine: "pg-boss" } });
    expect(overview.email).toMatchObject({ ok: true });
  });

  it("a media folder not created yet, which the first upload will create", async () => {
    process.env.MEDIA_DIR = path.join(mediaDir, "not-yet", "media");
    try {
      const { storage } = await callerFor(operator).operations.overview();
      expect(storage).toMatchObject({ ok: true, value: { status: "missing" } });
    } finally {
      process.env.MEDIA_DIR = mediaDir;
    }
  });

  it("the latest email failures with the mail server's reason, and no recipient's address", async () => {
    const creator = await createCreator(testDb());
    const tier = await createTier(testDb(), { creator, monthlyPrice: 0 });
    const bounced = await createUser(testDb(), { email: `bounce-${randomUUID()}@example.test` });
    await createMembership(testDb(), { tier, user: bounced });
    const post = await createPost(testDb(), { creator, title: `Bounced ${randomUUID()}`, publish: true });
    await expect(deliverPostNotifications(testDb(), post.id, new Date())).rejects.toThrow();

    const overview = await callerFor(operator).operations.overview();
    if (!overview.email.ok) throw new Error("unreadable");
    expect(overview.email.value.recentFailures.find((failure) => failure.postId === post.id)).toMatchObject({
      postTitle: post.title,
      creatorHandle: creator.handle,
      attempts: 1,
      attemptsLeft: MAX_DELIVERY_ATTEMPTS - 1,
      error: expect.stringContaining("550"),
    });
    expect(overview.email.value.deliveries.failed).toBeGreaterThanOrEqual(1);
    expect(overview.email.value.pending).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(overview)).not.toContain(bounced.email);
  });
});

/** pg-boss's own record of a job, outside our schema. */
async function jobState(id: string): Promise<string | null> {
  const rows = (await testDb().execute(sql`select state from pgboss.job where id = ${id}::uuid`)) as unknown as { state: string }[];
  return rows[0]?.state ?? null;
}

async function failedJob(queue: string, id: string) {
  const overview = await callerFor(operator).operations.overview();
  if (!overview.jobs.ok) throw new Error("unreadable");
  return {
    job: overview.jobs.value.failed.find((job) => job.id === id) ?? null,
    stats: overview.jobs.value.queues.find((stats) => stats.queue === queue) ?? null,
  };
}

describe("failed jobs on pg-boss", () => {
  it("an operator retries one, and it runs again", async () => {
    const queue = `operations-test-${randomUUID()}`;
    const boss = await startTestBoss();
    bosses.push(boss);
    let runs = 0;
    await failFastQueue(boss, queue, async () => {
      runs++;
      if (runs === 1) throw new Error("The mail server refused the connection");
    });
    const id = (await boss.send(queue, { postId: "p1" }))!;

    await expect.poll(async () => (await failedJob(queue, id)).job, { timeout: 10_000 }).toMatchObject({
      queue,
      data: { postId: "p1" },
      error: "The mail server refused the connection",
      attempts: 1,
    });
    expect((await failedJob(queue, id)).stats).toMatchObject({ failed: 1, waiting: 0 });

    await callerFor(operator).operations.retryJob({ queue, id });
    await expect.poll(() => jobState(id), { timeout: 10_000 }).toBe("completed");
    expect(runs).toBe(2);
    expect(await failedJob(queue, id)).toMatchObject({ job: null, stats: { failed: 0 } });

    const again = await refusal(callerFor(operator).operations.retryJob({ queue, id }));
    expect(again.code).toBe("NOT_FOUND");
    expect(again.message).toContain("no longer among the failed ones");
  });

  it("an operator discards one, and it is gone for good", async () => {
    const queue = `operations-test-${randomUUID()}`;
    const boss = await startTestBoss();
    bosses.push(boss);
    await failFastQueue(boss, queue, async () => {
      throw new Error("always fails");
    });
    const id = (await boss.send(queue, { postId: "p2" }))!;
    await expect.poll(() => jobState(id), { timeout: 10_000 }).toBe("failed");

    // The job's queue must match: an id alone does not name a job.
    expect((await refusal(callerFor(operator).operations.discardJob({ queue: "another-queue", id }))).code).toBe("NOT_FOUND");
    await callerFor(operator).operations.discardJob({ queue, id });
    expect(await jobState(id)).toBeNull();
    expect((await failedJob(queue, id)).job).toBeNull();
    expect((await refusal(callerFor(operator).operations.discardJob({ queue, id }))).code).toBe("NOT_FOUND");
  });

  it("a job still waiting or running is not the operator's to discard or retry", async () => {
    const queue = `operations-test-${randomUUID()}`;
    const boss = await startTestBoss();
    bosses.push(boss);
    await boss.createQueue(queue, { name: queue });
    const id = (await boss.send(queue, { postId: "p3" }))!;
    expect((await refusal(callerFor(operator).operations.retryJob({ queue, id }))).code).toBe("NOT_FOUND");
    expect((await refusal(callerFor(operator).operations.discardJob({ queue, id }))).code).toBe("NOT_FOUND");
    expect(await jobState(id)).toBe("created");
  });

  it("refuses a reference that is not a job's", async () => {
    const error = await refusal(callerFor(operator).operations.retryJob({ queue: "notify-post-members", id: "1; drop table users" }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("failed jobs on the in-process runner", () => {
  it("an operator sees one fail, retries it and it runs again, and discards another", async () => {
    const runner = startInProcessRunner({ db: testDb() });
    await installRunner(runner);
    try {
      const queue = `operations-in-process-${randomUUID()}`;
      let runs = 0;
      await runner.work(queue, async (data: { postId: string }) => {
        runs++;
        if (data.postId === "always" || runs === 1) throw new Error("The mail server is down");
      });
      const jobs = async () => {
        const overview = await callerFor(operator).operations.overview();
        if (!overview.jobs.ok) throw new Error("unreadable");
        return overview.jobs.value;
      };
      await runner.send(queue, { postId: "p4" });
      await expect.poll(async () => (await jobs()).failed.filter((job) => job.queue === queue), { timeout: 10_000 }).toEqual([
        expect.objectContaining({ queue, data: { postId: "p4" }, error: "The mail server is down", attempts: 1 }),
      ]);
      const { engine, queues, failed } = await jobs();
      expect(engine).toBe("in-process");
      expect(queues.find((stats) => stats.queue === queue)).toMatchObject({ failed: 1, waiting: 0 });

      await callerFor(operator).operations.retryJob({ queue, id: failed[0]!.id });
      await expect.poll(() => runs, { timeout: 10_000 }).toBe(2);
      await expect.poll(async () => (await jobs()).queues.find((stats) => stats.queue === queue)).toBeUndefined();

      await runner.send(queue, { postId: "always" });
      await expect.poll(async () => (await jobs()).failed.filter((job) => job.queue === queue).length, { timeout: 10_000 }).toBe(1);
      const [stuck] = (await jobs()).failed.filter((job) => job.queue === queue);
      await callerFor(operator).operations.discardJob({ queue, id: stuck!.id });
      expect((await jobs()).failed.filter((job) => job.queue === queue)).toEqual([]);
      expect((await refusal(callerFor(operator).operations.retryJob({ queue, id: stuck!.id }))).code).toBe("NOT_FOUND");
    } finally {
      uninstallRunner();
      await runner.stop();
    }
  });
});
