// The ingest listener as the reverse proxy reaches it: a beacon from the site is answered 204 and
// written with the next batch; one from another site, one too large (declared or streamed), a GET
// and any other path are refused in plain words, and none of them is counted.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushEvents, writeEventsTo } from "@/server/services/analytics/ingest";
import { createCreator, createPost } from "@/server/testing/factories";
import { testDb } from "@/test/db";
import { startIngestListener } from "./ingest-listener";

const SITE = "http://localhost:3000";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

let server: Server;
let base: string;

beforeAll(async () => {
  server = await startIngestListener(0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** As nginx passes a browser's beacon on: the Host the browser asked for, the page's Origin (here, the listener's own). */
function send(body: BodyInit, headers: Record<string, string> = {}, path = "/api/events") {
  return fetch(`${base}${path}`, {
    method: "POST",
    body,
    headers: { origin: base, "content-type": "text/plain", "user-agent": CHROME, ...headers },
    duplex: "half",
  } as RequestInit);
}

async function viewsOf(creatorId: string) {
  return testDb().query.analyticsEvents.findMany({ where: (event, { and, eq }) => and(eq(event.creatorId, creatorId), eq(event.kind, "view")) });
}

describe("the analytics ingest listener", () => {
  it("answers a beacon from the site with 204 and writes it with the next batch", async () => {
    writeEventsTo(testDb());
    const creator = await createCreator(testDb());
    const post = await createPost(testDb(), { creator, publish: true });
    const response = await send(JSON.stringify({ k: "view", c: creator.id, p: post.id, u: `${SITE}/${creator.handle}/posts/${post.slug}`, r: "https://news.example.org/item?id=1" }));
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toBeNull();
    await flushEvents();
    const [view] = await viewsOf(creator.id);
    expect(view).toMatchObject({ postId: post.id, source: "referral", referrer: "news.example.org" });
    expect(view!.visitor).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses another site's beacon, a body too large whether declared or streamed, a GET and other paths", async () => {
    writeEventsTo(testDb());
    const creator = await createCreator(testDb());
    const good = JSON.stringify({ k: "view", c: creator.id, u: `${SITE}/${creator.handle}` });

    const crossSite = await send(good, { origin: "https://elsewhere.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: "FORBIDDEN", message: "Events must be sent from this site." } });

    const declared = await send(JSON.stringify({ k: "view", c: creator.id, u: `${SITE}/${"x".repeat(10_000)}` }));
    expect(declared.status).toBe(400);
    expect(await declared.json()).toMatchObject({ error: { message: "This event is too large." } });

    const chunks = [new TextEncoder().encode(`{"k":"view","c":"${creator.id}","u":"${SITE}/`), new TextEncoder().encode("y".repeat(8_000) + '"}')];
    const streamed = await send(new ReadableStream({ pull(controller) { const next = chunks.shift(); if (next) controller.enqueue(next); else controller.close(); } }));
    expect(streamed.status).toBe(400);
    expect(await streamed.json()).toMatchObject({ error: { message: "This event is too large." } });

    const notJson = await send("view please");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { message: "An event is a JSON object." } });

    const asked = await fetch(`${base}/api/events`);
    expect(asked.status).toBe(405);
    expect(await asked.text()).toBe("Events are sent with POST.");
    const elsewhere = await send(good, {}, "/api/trpc/post.save");
    expect(elsewhere.status).toBe(404);

    await flushEvents();
    expect(await viewsOf(creator.id)).toEqual([]);
  });
});
