// The home feed on the real database: the posts of followed creators and of those a fan belongs
// to, newest first, a page at a time, each as the policy lets the fan see it; and a shelf of the
// rest. Canary: a locked card never carries a word from behind the paywall.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { docWithPaywall } from "../../testing/documents";
import { createCreator, createMembership, createPost, createTier, createUser } from "../../testing/factories";
import { followCreator } from "./follows";
import { readHomeFeed } from "./home-feed";

const day = (n: number) => new Date(Date.UTC(2026, 5, n, 12));
const as = (viewer: { id: string }, now = day(28)) => serviceContext({ viewer, now });

describe("a fan's home feed", () => {
  it("holds the followed creators' and the joined creators' posts, newest first, and nobody else's", async () => {
    const db = testDb();
    const followed = await createCreator(db);
    const joined = await createCreator(db);
    const stranger = await createCreator(db);
    const tier = await createTier(db, { creator: joined, name: "Friends", monthlyPrice: 0 });
    const fan = await createUser(db);
    await followCreator(as(fan), { creatorId: followed.id });
    await createMembership(db, { tier, user: fan });
    await createPost(db, { creator: followed, title: "Followed, older", publish: true, now: day(2) });
    await createPost(db, { creator: joined, title: "Joined, newer", publish: true, now: day(3) });
    await createPost(db, { creator: stranger, title: "A stranger's", publish: true, now: day(4) });
    await createPost(db, { creator: followed, title: "Followed, a draft" });

    const feed = await readHomeFeed(as(fan));
    const titles = feed.posts.map((post) => post.title);
    expect(titles.slice(0, 2)).toEqual(["Joined, newer", "Followed, older"]);
    expect(titles).not.toContain("A stranger's");
    expect(titles).not.toContain("Followed, a draft");
    expect(feed.followsAnyone).toBe(true);
    // The shelf shows what the fan does not follow yet, never what is already in their feed.
    expect(feed.discover.map((post) => post.creatorId)).not.toContain(followed.id);
    expect(feed.discover.map((post) => post.creatorId)).not.toContain(joined.id);
  });

  it("goes on page by page with no post twice or missing", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const fan = await createUser(db);
    await followCreator(as(fan), { creatorId: creator.id });
    for (let n = 1; n <= 5; n++) await createPost(db, { creator, title: `Post ${n}`, publish: true, now: day(n) });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await readHomeFeed(as(fan), { cursor, limit: 2 });
      seen.push(...page.posts.map((post) => post.title));
      if (cursor) expect(page.discover).toEqual([]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]);
    expect(await caught(readHomeFeed(as(fan), { cursor: "bm90IGEgY3Vyc29y" }))).toMatchObject({ code: "INVALID_INPUT", field: "cursor" });
  });

  it("shows a followed creator's paid post locked, with the teaser and never a gated word", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    await createTier(db, { creator, name: "Supporter", monthlyPrice: 500 });
    const fan = await createUser(db);
    await followCreator(as(fan), { creatorId: creator.id });
    const secret = `canary${randomUUID().replaceAll("-", "")}`;
    await createPost(db, { creator, title: "Behind the paywall", document: docWithPaywall("The open part.", secret), access: "paid", publish: true });
    const feed = await readHomeFeed(as(fan));
    const card = feed.posts.find((post) => post.title === "Behind the paywall");
    expect(card).toMatchObject({ locked: true, joinTier: { name: "Supporter" } });
    expect(JSON.stringify(feed)).not.toContain(secret);
  });

  it("is empty, and says so, for a fan who follows nobody; and is only for someone signed in", async () => {
    const fan = await createUser(testDb());
    const feed = await readHomeFeed(as(fan));
    expect(feed).toMatchObject({ posts: [], nextCursor: null, followsAnyone: false });
    expect(await caught(readHomeFeed(serviceContext({ viewer: null })))).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
