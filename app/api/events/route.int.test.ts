// The beacon's ingest route as a browser reaches it: 204 for a beacon from this site (counted once
// the batch is written), refusals in plain words for one from another site, a body that is not an
// event, or one far too large; and the email link route that counts a click and moves on.
import { describe, expect, it } from "vitest";
import { emailLinkUrl } from "@/server/services/analytics/email-links";
import { flushEvents, noteFeedFetch, writeEventsTo } from "@/server/services/analytics/ingest";
import { createCreator, createPost } from "@/server/testing/factories";
import { testDb } from "@/test/db";
import { GET as followLink } from "../email-link/[token]/route";
import { POST } from "./route";

const SITE = "http://localhost:3000";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

function beacon(body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${SITE}/api/events`, {
    method: "POST",
    body,
    headers: { host: "localhost:3000", origin: SITE, "content-type": "text/plain", "user-agent": CHROME, ...headers },
  });
}

async function eventsOf(creatorId: string, kind: "view" | "email_click" | "feed_fetch") {
  return testDb().query.analyticsEvents.findMany({ where: (event, { and, eq }) => and(eq(event.creatorId, creatorId), eq(event.kind, kind)) });
}

describe("POST /api/events", () => {
  it("takes a view of a published post with 204 and writes it with the next batch, tagged with its source", async () => {
    writeEventsTo(testDb());
    const creator = await createCreator(testDb());
    const post = await createPost(testDb(), { creator, publish: true });
    const body = JSON.stringify({ k: "view", c: creator.id, p: post.id, u: `${SITE}/${creator.handle}/posts/${post.slug}?utm_source=Zine&utm_campaign=fall`, r: "" });
    const response = await POST(beacon(body));
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toBeNull();
    await flushEvents();
    const [event] = await eventsOf(creator.id, "view");
    expect(event).toMatchObject({ postId: post.id, source: "campaign", referrer: "zine", campaign: "fall" });
  });

  it("refuses a beacon sent from another site, a body that is not an event, and one far too large", async () => {
    const creator = await createCreator(testDb());
    const good = JSON.stringify({ k: "view", c: creator.id, u: `${SITE}/${creator.handle}` });
    const crossSite = await POST(beacon(good, { origin: "https://elsewhere.example" }));
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: "FORBIDDEN", message: "Events must be sent from this site." } });

    const notJson = await POST(beacon("view please"));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { message: "An event is a JSON object." } });

    const wrongKind = await POST(beacon(JSON.stringify({ k: "purchase", c: creator.id, u: SITE })));
    expect(wrongKind.status).toBe(400);
    expect((await wrongKind.json()).error.message).toMatch(/^This is not an event: k /);

    const huge = await POST(beacon(JSON.stringify({ k: "view", c: creator.id, u: `${SITE}/${"x".repeat(10_000)}` })));
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({ error: { message: "This event is too large." } });
    await flushEvents();
    expect(await eventsOf(creator.id, "view")).toEqual([]);
  });
});

describe("GET /api/email-link/[token]", () => {
  it("counts the click and sends the reader to the post, tagged as coming from email; a forged link leads nowhere", async () => {
    const creator = await createCreator(testDb());
    const post = await createPost(testDb(), { creator, publish: true });
    const token = new URL(emailLinkUrl(SITE, post.id)).pathname.split("/").at(-1)!;
    const request = (t: string) => new Request(`${SITE}/api/email-link/${t}`, { headers: { "user-agent": CHROME } });

    const followed = await followLink(request(token), { params: Promise.resolve({ token }) });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(`/${creator.handle}/posts/${post.slug}?src=email`);
    expect(await eventsOf(creator.id, "email_click")).toHaveLength(1);

    const forged = `${post.id}.${"A".repeat(22)}`;
    const refused = await followLink(request(forged), { params: Promise.resolve({ token: forged }) });
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe("This link does not lead to a post any more.");
    expect(await eventsOf(creator.id, "email_click")).toHaveLength(1);
  });
});

describe("feed fetches", () => {
  it("are counted for the creator whose feed it is, by handle; a feed that names no creator counts nothing", async () => {
    writeEventsTo(testDb());
    const creator = await createCreator(testDb());
    noteFeedFetch(creator.handle, new Date());
    noteFeedFetch(creator.handle, new Date());
    noteFeedFetch(`gone-${creator.handle}`.slice(0, 30), new Date());
    await flushEvents();
    const fetches = await eventsOf(creator.id, "feed_fetch");
    expect(fetches).toHaveLength(2);
    expect(fetches[0]).toMatchObject({ source: "feed", visitor: "", postId: "" });
  });
});
