// Scheduled publishing through pg-boss on real PostgreSQL: exactly one publish per post with two
// workers, duplicated jobs, and a worker that dies between claiming a job and completing it.
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { postRevisions, posts } from "@/db/schema";
import { createCreator, createPost } from "@/server/testing/factories";
import { schedulePost } from "@/server/services/posts/lifecycle";
import { serviceContext, testDb } from "@/test/db";
import { startPgBossRunner } from "./pg-boss-runner";
import { PUBLISH_SCHEDULED_POST, type PublishScheduledPostJob } from "./queues";
import { publishScheduledPostHandler } from "./scheduled-publish";
import { startJobs, stopJobs } from "./start";
import type { JobRunner, QueueHandler } from "./types";

const runners: JobRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  await stopJobs();
});

async function worker(name: string, options: { queue?: string; handler?: QueueHandler<PublishScheduledPostJob>; fast?: boolean } = {}) {
  const runner = await startPgBossRunner({
    connectionString: process.env.DATABASE_URL!,
    db: testDb(),
    applicationName: name,
    pollingIntervalSeconds: 0.5,
    ...(options.fast ? { expireInSeconds: 1, retryDelaySeconds: 1, retryBackoff: false, maintenanceIntervalSeconds: 1 } : {}),
  });
  runners.push(runner);
  await runner.work(options.queue ?? PUBLISH_SCHEDULED_POST, options.handler ?? publishScheduledPostHandler);
  return runner;
}

async function jobStates(queue: string, postIds: string[]) {
  // pg-boss's own table, outside our schema; on PostgreSQL `execute` gives the rows as an array.
  const rows = (await testDb().execute(
    sql`select state from pgboss.job where name = ${queue} and data->>'postId' in ${postIds}`,
  )) as unknown as { state: string }[];
  return rows.map((r) => r.state);
}

async function scheduledDrafts(count: number, secondsAhead = 1) {
  const creator = await createCreator(testDb());
  const now = new Date();
  const at = new Date(now.getTime() + secondsAhead * 1000);
  const drafts = [];
  for (let i = 0; i < count; i++) {
    const draft = await createPost(testDb(), { creator, title: `Scheduled ${i}` });
    const scheduled = await schedulePost(serviceContext({ viewer: creator.user, now }), { id: draft.id, at });
    drafts.push({ ...draft, version: scheduled.version });
  }
  return { creator, drafts, at };
}

async function expectPublishedOnce(ids: string[], at: Date, versionBefore: Map<string, number>) {
  const rows = await testDb().select().from(posts).where(inArray(posts.id, ids));
  for (const row of rows) {
    expect(row.status).toBe("published");
    expect(row.publishedAt).toEqual(at);
    // One bump for the publish, however many jobs ran.
    expect(row.version).toBe(versionBefore.get(row.id)! + 1);
  }
  const revisions = await testDb()
    .select({ postId: postRevisions.postId })
    .from(postRevisions)
    .where(and(inArray(postRevisions.postId, ids), eq(postRevisions.reason, "publish")));
  expect(revisions.map((r) => r.postId).sort()).toEqual([...ids].sort());
}

describe("scheduled publishing on PostgreSQL", () => {
  it("publishes each post exactly once with two workers and every job sent three times", async () => {
    const { drafts, at } = await scheduledDrafts(8);
    const ids = drafts.map((d) => d.id);
    let runs = 0;
    const counting: QueueHandler<PublishScheduledPostJob> = async (data, ctx) => {
      runs++;
      await publishScheduledPostHandler(data, ctx);
    };
    const first = await worker("atelier-test-worker-1", { handler: counting });
    const second = await worker("atelier-test-worker-2", { handler: counting });
    for (const id of ids) {
      await first.send(PUBLISH_SCHEDULED_POST, { postId: id }, { startAfter: at });
      await first.send(PUBLISH_SCHEDULED_POST, { postId: id }, { startAfter: at });
      await second.send(PUBLISH_SCHEDULED_POST, { postId: id }, { startAfter: at });
    }

    await expect
      .poll(() => jobStates(PUBLISH_SCHEDULED_POST, ids), { timeout: 15_000 })
      .toEqual(Array(ids.length * 3).fill("completed"));

    // All 24 jobs ran, and still each post went out once.
    expect(runs).toBe(ids.length * 3);
    await expectPublishedOnce(ids, at, new Map(drafts.map((d) => [d.id, d.version])));
  });

  it("publishes once when a worker dies between claiming a job and completing it, and the app restarts", async () => {
    const queue = "publish-scheduled-post-crash-test";
    const { drafts, at } = await scheduledDrafts(2);
    const [diesBefore, diesAfter] = drafts as [(typeof drafts)[0], (typeof drafts)[0]];
    const claimed = new Set<string>();
    // The first worker claims both jobs and never completes them: one dies before publishing, the
    // other right after its publish committed. It neither completes nor fails the job itself.
    const dying: QueueHandler<PublishScheduledPostJob> = async (data, ctx) => {
      if (!claimed.has(data.postId)) {
        claimed.add(data.postId);
        if (data.postId === diesAfter.id) await publishScheduledPostHandler(data, ctx);
      }
      await new Promise(() => {});
    };
    const crashed = await worker("atelier-test-crashing", { queue, handler: dying, fast: true });
    for (const draft of drafts) await crashed.send(queue, { postId: draft.id }, { startAfter: at });
    await expect.poll(() => claimed.size, { timeout: 50_000 }).toBe(2);
    await crashed.stop();
    runners.splice(runners.indexOf(crashed), 1);

    // The restart: the start-up sweep publishes what is overdue, and the expired claims are retried.
    await startJobs();
    await worker("atelier-test-restarted", { queue, fast: true });
    await expect.poll(() => jobStates(queue, [diesBefore.id, diesAfter.id]), { timeout: 50_000 }).toEqual(["completed", "completed"]);

    await expectPublishedOnce([diesBefore.id, diesAfter.id], at, new Map(drafts.map((d) => [d.id, d.version])));
    // A crash, a stop and a retry take a few seconds of the queue's own clock.
  }, 60_000);

  it("on start-up publishes posts that came due while the app was down, then publishes new schedules on time", async () => {
    const creator = await createCreator(testDb());
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const overdue = await createPost(testDb(), { creator, title: "Due while we were down" });
    await schedulePost(serviceContext({ viewer: creator.user, now: hourAgo }), { id: overdue.id, at: new Date(hourAgo.getTime() + 60_000) });

    await startJobs();
    expect((await testDb().query.posts.findFirst({ where: eq(posts.id, overdue.id) }))?.status).toBe("published");

    // With the runner up, scheduling sends the job itself.
    const soon = await createPost(testDb(), { creator, title: "Goes out in a moment" });
    const at = new Date(Date.now() + 1500);
    await schedulePost(serviceContext({ viewer: creator.user }), { id: soon.id, at });
    await expect.poll(() => jobStates(PUBLISH_SCHEDULED_POST, [soon.id]), { timeout: 15_000 }).toContain("completed");
    const published = await testDb().query.posts.findFirst({ where: eq(posts.id, soon.id) });
    expect(published).toMatchObject({ status: "published", publishedAt: at });
  });
});
