// Traces as an operator's collector receives them: a production server exporting to a local OTLP
// receiver. A post page view is one trace with its database queries under the request, every span's
// parent sent with it and none of Next.js's internal steps that ran nothing of ours; a scheduled
// publish is one trace from the creator's request through the publish job and the member-email job
// to each email sent. No span carries an email address or a link's secret. The server has a
// database of its own, so its traces are only this test's.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { SHARED_PREFIX } from "@/lib/shared-pages";
import { connectAdmin } from "@/test/postgres-admin";
import { startAppServer } from "@/test/support/app-server";
import { descendantsOf, startOtlpReceiver, type ReceivedSpan } from "@/test/support/otlp-receiver";
import { databaseName, newDatabaseUrl, serverUrl } from "../support/database";
import { expect, test, uniqueEmail, uniqueToken } from "../support/fixtures";

const POST_ROUTE = "/[handle]/posts/[slug]";

/** Spans Next.js makes on every page view with nothing of Atelier's inside: never sent. */
const NEXT_LEAF_STEPS = [
  "middleware GET",
  "resolve page components",
  "load route module",
  "prepare route module",
  "build component tree",
  "resolve segment modules",
  "start response",
  "NextNodeServer.clientComponentLoading",
];

/** The trace's first span: the request as the server received it. */
function rootOf(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan | undefined {
  const byId = new Map(spans.map((each) => [each.spanId, each]));
  let current: ReceivedSpan | undefined = span;
  while (current?.parentSpanId) current = byId.get(current.parentSpanId);
  return current;
}

/**
 * A publish time a few seconds ahead, 40–57 s into its minute. NOTE: the sweep that publishes
 * overdue posts runs once a minute, in the first half of the minute (pg-boss checks its cron every
 * 30 s); clear of it, the post is published by its own job, whose trace this test follows.
 */
function publishTime(now = Date.now()): Date {
  const at = new Date(Math.ceil((now + 5_000) / 1000) * 1000);
  const second = at.getUTCSeconds();
  if (second < 40) at.setUTCSeconds(40);
  else if (second > 57) at.setUTCSeconds(100);
  return at;
}

test("a page view and a scheduled publish each leave one trace, from the request to its queries and emails", async ({
  browser,
  request,
  factories,
  login,
}) => {
  test.setTimeout(150_000);
  const receiver = await startOtlpReceiver();
  const databaseUrl = newDatabaseUrl();
  const admin = await connectAdmin(serverUrl(), "Trace checks", "npm run test:e2e");
  await admin.unsafe(`create database "${databaseName(databaseUrl)}"`);
  const server = await startAppServer({
    databaseUrl,
    // JSON, which the receiver reads; the batch is sent every 200 ms rather than every 5 s.
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_BSP_SCHEDULE_DELAY: "200" },
  });
  const client = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  const creatorBrowser = await browser.newContext({ baseURL: server.url });
  try {
    await expect
      .poll(async () => (await request.get(`${server.url}/api/health`)).json(), { timeout: 30_000 })
      .toMatchObject({ status: "ok", schema: "current", jobs: "running" });
    const creatorUser = await factories.createUser(db, { email: uniqueEmail("creator"), name: "Trace Creator" });
    const creator = await factories.createCreator(db, { user: creatorUser, handle: `e2e-${uniqueToken()}` });
    const published = await factories.createPost(db, { creator, title: "Glaze notes", publish: true });
    // The member joins after that post went out: only the scheduled one is emailed to them.
    const tier = await factories.createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
    const fan = await factories.createUser(db, { email: uniqueEmail("fan"), name: "Trace Fan" });
    await factories.createMembership(db, { tier, user: fan });
    const draft = await factories.createPost(db, { creator, title: "Kiln diary" });

    await test.step("a post page view is one whole trace, its database queries under the request, Next.js's steps left out", async () => {
      const path = `/${creator.handle}/posts/${published.slug}`;
      expect((await request.get(`${server.url}${path}`)).status()).toBe(200);
      // An anonymous view renders the page's shared version, at the address the proxy rewrote it to.
      const targets = new Set([path, `${SHARED_PREFIX}${path}`]);
      const requestSpans = () => receiver.spans().filter((span) => targets.has(String(span.attributes["http.target"])));
      const queriesUnderRoot = () => {
        const root = requestSpans().find((span) => !span.parentSpanId);
        return root ? descendantsOf(receiver.spans(), root).filter((span) => span.name === "db.query") : [];
      };
      await expect.poll(() => queriesUnderRoot().length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(new Set(requestSpans().map((span) => span.traceId)).size, "the view's spans are one trace").toBe(1);
      expect(queriesUnderRoot()[0]!.attributes).toMatchObject({ "db.system": "postgresql" });
      expect(receiver.spans().every((span) => span.service === "atelier")).toBe(true);

      // Whole, and without Next.js's internal steps: the root ends last, so every span of the view is in.
      const root = requestSpans().find((span) => !span.parentSpanId)!;
      const view = receiver.spans().filter((span) => span.traceId === root.traceId);
      const sent = new Set(view.map((span) => span.spanId));
      expect(view.filter((span) => span.parentSpanId && !sent.has(span.parentSpanId)).map((span) => span.name), "spans whose parent was not sent").toEqual([]);
      const names = view.map((span) => span.name);
      // The route is the shared version's, rendered for the cache ("prerender") when the view missed it.
      const route = (prefix: string) => new RegExp(`^${prefix} (/_shared/\\[audience\\])?${POST_ROUTE.replace(/[[\]]/g, "\\$&")}$`);
      expect(names).toEqual(expect.arrayContaining([expect.stringMatching(route("GET")), expect.stringMatching(route("(pre)?render route \\(app\\)")), "trpc post.read.bySlug", "db.query"]));
      for (const step of NEXT_LEAF_STEPS) expect(names, "Next.js's internal steps are not sent").not.toContain(step);
      const childless = view.filter((span) => !view.some((other) => other.parentSpanId === span.spanId)).map((span) => span.name);
      expect(childless.filter((name) => name.startsWith("generateMetadata")), "metadata is sent only when a query ran in it").toEqual([]);
    });

    await test.step("a scheduled publish is one trace from the request to each email sent", async () => {
      const page = await creatorBrowser.newPage();
      await login(page, creatorUser);
      const at = publishTime();
      const scheduled = await page.request.post("/api/trpc/post.lifecycle.schedule", {
        headers: { origin: server.url },
        data: { json: { id: draft.id, at: at.toISOString().slice(0, 19), timeZone: "UTC" } },
      });
      expect(scheduled.status(), await scheduled.text()).toBe(200);

      const emailsUnderPublishJob = () => {
        const spans = receiver.spans();
        return spans
          .filter((span) => span.name === "job publish-scheduled-post")
          .flatMap((publish) => descendantsOf(spans, publish).filter((span) => span.name === "job notify-post-members"))
          .flatMap((notify) => descendantsOf(spans, notify).filter((span) => span.name === "email.send"));
      };
      await expect.poll(() => emailsUnderPublishJob().length, { timeout: 90_000, intervals: [500] }).toBe(1);
      const [email] = emailsUnderPublishJob();
      const root = rootOf(receiver.spans(), email!);
      expect(root?.attributes["http.target"], "the trace starts at the creator's request").toBe("/api/trpc/post.lifecycle.schedule");
      expect(email!.attributes).toMatchObject({ "email.transport": "outbox" });
    });

    await test.step("no span names a person or holds a link's secret", async () => {
      const secret = `unsubscribe${uniqueToken()}`;
      await request.get(`${server.url}/account/unsubscribe/${secret}`);
      await request.get(`${server.url}/search?q=${encodeURIComponent(fan.email)}`);
      const targets = () => receiver.spans().map((span) => span.attributes["http.target"]);
      await expect.poll(targets, { timeout: 20_000 }).toEqual(expect.arrayContaining(["/account/unsubscribe/[redacted]", expect.stringMatching(/^\/search\?q=e…%40example\.test$/)]));
      const everything = JSON.stringify(receiver.spans());
      for (const text of [fan.email, encodeURIComponent(fan.email), creatorUser.email, secret]) expect(everything).not.toContain(text);
      expect(receiver.refused()).toEqual([]);
    });
  } finally {
    await creatorBrowser.close();
    await server.stop();
    await client.end({ timeout: 5 });
    await receiver.close();
    await admin.unsafe(`drop database if exists "${databaseName(databaseUrl)}" with (force)`);
    await admin.end({ timeout: 5 });
  }
});
