// The runner used on the embedded database: jobs run when due, through the same handlers.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { createCreator, createPost } from "@/server/testing/factories";
import { schedulePost } from "@/server/services/posts/lifecycle";
import { serviceContext, testDb } from "@/test/db";
import { currentScope, runInScope, type RequestScope } from "../observability/request-scope";
import { startInProcessRunner } from "./in-process-runner";
import { PUBLISH_SCHEDULED_POST } from "./queues";
import { enqueue, installRunner, uninstallRunner } from "./registry";
import { publishScheduledPostHandler } from "./scheduled-publish";

describe("in-process job runner", () => {
  it("publishes a scheduled post when its job comes due, once even if sent twice", async () => {
    const creator = await createCreator(testDb());
    const post = await createPost(testDb(), { creator, title: "Embedded schedule" });
    const at = new Date(Date.now() + 500);
    await schedulePost(serviceContext({ viewer: creator.user }), { id: post.id, at });
    const runner = startInProcessRunner({ db: testDb() });
    let runs = 0;
    await runner.work(PUBLISH_SCHEDULED_POST, async (data: { postId: string }, ctx) => {
      runs++;
      await publishScheduledPostHandler(data, ctx);
    });
    await runner.send(PUBLISH_SCHEDULED_POST, { postId: post.id }, { startAfter: at });
    await runner.send(PUBLISH_SCHEDULED_POST, { postId: post.id }, { startAfter: at });
    await expect.poll(() => runs, { timeout: 15_000 }).toBe(2);
    await runner.stop();
    const row = await testDb().query.posts.findFirst({ where: eq(posts.id, post.id) });
    expect(row).toMatchObject({ status: "published", publishedAt: at, version: post.version + 2 });
  });

  it("runs a job sent during a request with that request's id, on its own data", async () => {
    const runner = startInProcessRunner({ db: testDb() });
    await installRunner(runner);
    try {
      let seen: { data: object; scope: RequestScope | undefined } | undefined;
      await runner.work("scope-test", async (data: object) => {
        seen = { data, scope: currentScope() };
      });
      await runInScope({ requestId: "req-in-process" }, () => enqueue("scope-test", { postId: "p1" }));
      await expect.poll(() => seen, { timeout: 5_000 }).toBeDefined();
      expect(seen!.data).toEqual({ postId: "p1" });
      expect(seen!.scope).toMatchObject({ requestId: "req-in-process", job: { queue: "scope-test" } });
    } finally {
      uninstallRunner();
      await runner.stop();
    }
  });
});
