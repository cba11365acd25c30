// Every statement the public pages and the studio's big lists send, captured from the services
// themselves, is planned by PostgreSQL with sequential scans switched off. On a small dataset a
// sequential scan is often the cheapest plan, so switching it off asks whether any index can serve
// the statement at all: one that still scans a large table sequentially has no index to use, and
// reads every row of that table on every request at a million posts. A page of a newest-first list
// must also come out of its index in order: a sort under its LIMIT means every matching row is read
// first (as when an index's NULLS order differs from the query's).
import { desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { createCreator, createMembership, createPost, createTier, createUser, docWithPaywall, docWithText } from "@/server/testing/factories";
import { testDb } from "@/test/db";
import { capturingDb, type Statement } from "@/test/support/capturing-db";
import type { ServiceContext } from "./context";
import { getCreatorByHandle, setFeaturedPost } from "./creators";
import { addRecommendation, shownWith } from "./discovery/recommendations";
import { listMembers, membersCsv } from "./memberships/audience";
import { listPublishedTiers } from "./memberships/tiers";
import { collectionPlaces, collectionsOf, createCollection, readCollection, setCollectionPosts } from "./posts/collections";
import { collectionFeedXml, creatorFeedXml, sitemapFileEntries, sitemapFiles } from "./posts/feed";
import { bulkAddTag, listLibrary } from "./posts/library";
import { getReadablePost, listPublishedPostsPage, listRecentPublished, readFeaturedPost } from "./posts/reads";
import { search } from "./posts/search";
import { updateCreatorListing } from "./creators";
import { readExplore, readExploreCategory } from "./discovery/explore";
import { readHomeFeed } from "./discovery/home-feed";
import { setShowAdultPages } from "./discovery/listing";
import { publishedTagsOf } from "./posts/tags";

/** Tables that grow with the platform: none of them may be scanned whole by a hot statement. */
const LARGE_TABLES = new Set([
  "users", "creators", "tiers", "posts", "post_tiers", "post_tags", "tags", "post_revisions", "post_media", "media",
  "memberships", "payments", "notification_deliveries", "sessions", "collections", "collection_posts", "recommendations", "search_terms",
  "follows", "comments", "post_likes", "analytics_daily_posts",
]);

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
};

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const largeTableOf = (node: PlanNode) => (node["Relation Name"] && LARGE_TABLES.has(node["Relation Name"]) ? node["Relation Name"] : null);

/** The large tables `plan` scans sequentially. */
function sequentialScans(plan: PlanNode): string[] {
  return nodes(plan).flatMap((node) => (node["Node Type"] === "Seq Scan" && largeTableOf(node) ? [`a sequential scan of ${largeTableOf(node)}`] : []));
}

/** The large tables whose rows `plan` sorts: all of them are read before the first comes out. */
function sortedTables(plan: PlanNode): string[] {
  return nodes(plan)
    .filter((node) => node["Node Type"] === "Sort")
    .flatMap((sort) => nodes(sort).flatMap((node) => (largeTableOf(node) ? [`a sort of ${largeTableOf(node)}`] : [])));
}

const capture = capturingDb();
const { client, db: watched } = capture;

afterAll(async () => {
  await capture.close();
});

async function planOf(statement: Statement): Promise<PlanNode> {
  return client.begin(async (tx) => {
    // As for scans, so for sorts: a sort left in the plan is one no index could spare.
    await tx`set local enable_seqscan = off`;
    await tx`set local enable_sort = off`;
    const [row] = await tx.unsafe(`explain (format json) ${statement.sql}`, statement.params as never[]);
    return (row!["QUERY PLAN"] as [{ Plan: PlanNode }])[0].Plan;
  });
}

/**
 * Runs `read` on the capturing client and answers each statement it sent that scans a large table
 * sequentially, or, for a newest-first list (`inOrder`), sorts one to cut a page from it.
 */
async function problemsOf(read: () => Promise<unknown>, inOrder = false): Promise<string[]> {
  capture.reset();
  await read();
  expect(capture.statements().length).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const statement of capture.statements()) {
    const plan = await planOf(statement);
    // A page of a list is the statement with a LIMIT; lookups by a page's ids and counts are not.
    const isPage = plan["Node Type"] === "Limit";
    const found = [...sequentialScans(plan), ...(inOrder && isPage ? sortedTables(plan) : [])];
    if (found.length > 0) problems.push(`${found.join("; ")}:\n  ${statement.sql}`);
  }
  return problems;
}

/** A small platform with every kind of row the hot statements touch. */
async function platform() {
  const db = testDb();
  const creator = await createCreator(db);
  const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
  const paid = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500 });
  const gated = await createPost(db, { creator, title: "Members' studio notes", document: docWithPaywall("Studio teaser.", "Studio body."), access: "paid", publish: true });
  await createPost(db, { creator, title: "Patrons' studio notes", document: docWithPaywall("Studio teaser.", "Studio body."), access: "tiers", tierIds: [paid.id], publish: true });
  const published = [];
  for (let n = 1; n <= 4; n++) {
    published.push(await createPost(db, { creator, title: `Studio diary ${n}`, document: docWithText(`Studio day ${n}.`), publish: true }));
  }
  await createPost(db, { creator, title: "A studio draft" });
  const member = await createMembership(db, { tier: paid });
  await createMembership(db, { tier: free });
  const owner: ServiceContext = { db: watched, viewer: { userId: creator.userId }, now: new Date() };
  await bulkAddTag({ ...owner, db }, { ids: published.map((post) => post.id), tag: "Diary" });
  const fan = await createUser(db);
  const series = await createCollection({ ...owner, db }, { title: "Studio diary" });
  await setCollectionPosts({ ...owner, db }, { id: series.id, postIds: published.map((post) => post.id) });
  const neighbour = await createCreator(db);
  await addRecommendation({ ...owner, db }, { handle: neighbour.handle, reason: "Next door" });
  await setFeaturedPost({ ...owner, db }, { postId: published[0]!.id });
  await updateCreatorListing({ ...owner, db }, { category: "art", adultsOnly: false, language: "english" });
  await setShowAdultPages({ db, viewer: { userId: fan.id }, now: new Date() }, { show: true });
  return { creator, gated, published, member, owner, fan, series };
}

describe("hot statements use an index, never a whole large table", () => {
  let world: ReturnType<typeof platform> | null = null;
  const shared = () => (world ??= platform());
  const anonymous = (): ServiceContext => ({ db: watched, viewer: null, now: new Date() });

  type World = Awaited<ReturnType<typeof platform>>;
  const reads: Array<[string, (w: World) => Promise<unknown>]> = [
    ["the post page", (w) => getReadablePost(anonymous(), w.creator.handle, w.published[0]!.slug)],
    ["a member's view of a gated post", (w) => getReadablePost({ ...anonymous(), viewer: { userId: w.member.user.id } }, w.creator.handle, w.gated.slug)],
    ["the creator page", async (w) => {
      await getCreatorByHandle(anonymous(), w.creator.handle);
      await listPublishedTiers(anonymous(), w.creator.id);
    }],
    // Trending and Rising sort their own bounded candidates by score: not newest first.
    ["explore, anonymous and for a fan who sees pages for adults", async (w) => {
      await readExplore(anonymous());
      await readExplore({ ...anonymous(), viewer: { userId: w.fan.id } });
    }],
    ["search, anonymous and signed in, by relevance and by date, narrowed and not", async (w) => {
      await search(anonymous(), { q: "studio" });
      const fan = { ...anonymous(), viewer: { userId: w.fan.id } };
      await search(fan, { q: "studio notes" });
      const newest = await search(anonymous(), { q: "studio", sort: "newest", limit: 2 });
      await search(anonymous(), { q: "studio", sort: "newest", limit: 2, cursor: newest.nextCursor ?? undefined });
      await search(fan, { q: "studio", creator: w.creator.handle, kind: "text", since: "month" });
      await search(anonymous(), { q: "studio", tag: "diary" });
      // A typo: too little found by words, so titles are matched by trigrams.
      await search(anonymous(), { q: "studoi" });
    }],
    ["the sitemap index and its files", async () => {
      for (const file of await sitemapFiles(anonymous())) await sitemapFileEntries(anonymous(), file);
    }],
    ["the studio posts library, searched and filtered", (w) => listLibrary(w.owner, { q: "diary", status: ["published"] })],
    ["a collection's page, its feed, and a post's place in it", async (w) => {
      await readCollection(anonymous(), w.creator.handle, w.series.slug);
      await collectionFeedXml(anonymous(), w.creator.handle, w.series.slug, "https://atelier.test");
      await collectionPlaces(anonymous(), w.published[1]!.id);
      await collectionsOf(anonymous(), w.creator.id);
    }],
    ["the creator page's recommendations, fans also support and featured post", async (w) => {
      await shownWith(anonymous(), { creatorId: w.creator.id });
      await readFeaturedPost(anonymous(), w.creator.id);
      await publishedTagsOf(anonymous(), w.creator.id);
    }],
    ["the members list's search and its export", async (w) => {
      await listMembers(w.owner, { search: "example" });
      await new Response(await membersCsv(w.owner, { batchSize: 1 })).text();
    }],
  ];
  const newestFirst: Array<[string, (w: World) => Promise<unknown>]> = [
    ["the creator page's posts and a page deep in the archive", async (w) => {
      const first = await listPublishedPostsPage(anonymous(), w.creator.id, { limit: 2 });
      await listPublishedPostsPage(anonymous(), w.creator.id, { limit: 2, cursor: first.nextCursor! });
    }],
    ["the archive filtered by tag, collection and kind, and to what the reader can read", async (w) => {
      await listPublishedPostsPage(anonymous(), w.creator.id, { limit: 2, tag: "diary", kind: "text" });
      await listPublishedPostsPage(anonymous(), w.creator.id, { limit: 2, collection: w.series.slug });
      await listPublishedPostsPage(anonymous(), w.creator.id, { limit: 2, unlocked: true });
    }],
    ["explore and the front page", () => listRecentPublished(anonymous())],
    ["the creator's feed", (w) => creatorFeedXml(anonymous(), w.creator.handle, "https://atelier.test")],
    ["the studio posts library and its counts", async (w) => {
      const first = await listLibrary(w.owner, { limit: 2 });
      await listLibrary(w.owner, { limit: 2, cursor: first.nextCursor! });
      await listLibrary(w.owner, { sort: "updated_desc" });
    }],
    ["the members list", (w) => listMembers(w.owner, {})],
    ["a category of explore, and the home feed's shelf, anonymous and for a fan who sees pages for adults", async (w) => {
      const fan = { ...anonymous(), viewer: { userId: w.fan.id } };
      await readExploreCategory(anonymous(), { category: "art" });
      await readExploreCategory(fan, { category: "art" });
      await readHomeFeed(fan);
    }],
  ];

  for (const [name, read] of reads) {
    it(name, async () => {
      const w = await shared();
      expect(await problemsOf(() => read(w))).toEqual([]);
    });
  }
  for (const [name, read] of newestFirst) {
    it(`${name}, read in index order`, async () => {
      const w = await shared();
      expect(await problemsOf(() => read(w), true)).toEqual([]);
    });
  }

  it("would notice a statement that scans or sorts a large table", async () => {
    const unindexed = () => watched.select({ id: schema.posts.id }).from(schema.posts).where(eq(schema.posts.kind, "audio"));
    expect(await problemsOf(unindexed)).toHaveLength(1);
    const unordered = () => watched.select({ id: schema.posts.id }).from(schema.posts).orderBy(desc(schema.posts.wordCount)).limit(5);
    expect(await problemsOf(unordered, true)).toHaveLength(1);
  });
});
