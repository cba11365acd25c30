// Explore on the real database: Trending's order and decay, Rising's small pages, a category's
// page, pages for adults left out of every list unless the viewer asked, a creator's listing
// settings (their language restems their posts). Canary: no list carries a word from behind a paywall.
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { analyticsDailyPosts, follows, posts, users } from "@/db/schema";
import { serviceContext, testDb, type ViewerLike } from "@/test/db";
import { caught } from "@/test/errors";
import { docWithPaywall, docWithText } from "../../testing/documents";
import { createCreator, createPost, createTier, createUser, type TestCreator } from "../../testing/factories";
import { createCaller } from "../../trpc/root";
import { addComment, likePost } from "../community/comments";
import { updateCreatorListing } from "../creators";
import { createPost as createDraft } from "../posts/editing";
import { followCreator } from "./follows";
import { readExplore, readExploreCategory } from "./explore";
import { readHomeFeed } from "./home-feed";
import { setShowAdultPages } from "./listing";
import { listRisingCreators, SMALL_PAGE_FOLLOWERS } from "./rising";
import { listTrendingPosts } from "./trending";

const HOUR = 60 * 60 * 1000;

/**
 * A week of its own, years from now, each later than the one before: the lists read every
 * creator's posts and follows, and those of other tests (on today's dates) and of this file's
 * earlier tests are all older than anything in it.
 */
let weeks = 0;
function ownWeek(): Date {
  weeks += 1;
  return new Date(Date.UTC(2200, 0, 1, 12) + weeks * 60 * 24 * HOUR);
}

const as = (viewer: ViewerLike, now: Date) => serviceContext({ viewer, now });
const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR);

async function likedBy(post: { id: string }, fans: number, now: Date) {
  const db = testDb();
  for (let n = 0; n < fans; n++) await likePost(as(await createUser(db), now), { postId: post.id, liked: true });
}

async function listed(creator: TestCreator, listing: Partial<Parameters<typeof updateCreatorListing>[1]>) {
  await updateCreatorListing(serviceContext({ viewer: creator.user }), { category: null, adultsOnly: false, language: "english", ...listing });
}

describe("Trending", () => {
  it("ranks the week's posts by what readers did, the older ones decayed, and leaves out posts nobody touched", async () => {
    const db = testDb();
    const now = ownWeek();
    const creator = await createCreator(db);
    const fresh = await createPost(db, { creator, title: "Fresh, two likes", publish: true, now: hoursBefore(now, 1) });
    const loved = await createPost(db, { creator, title: "Newer still, five likes", publish: true, now: hoursBefore(now, 2) });
    const talked = await createPost(db, { creator, title: "Two days old, liked and discussed", publish: true, now: hoursBefore(now, 48) });
    const read = await createPost(db, { creator, title: "A day old, read a lot", publish: true, now: hoursBefore(now, 24) });
    const quiet = await createPost(db, { creator, title: "Nobody touched it", publish: true, now: hoursBefore(now, 3) });
    const old = await createPost(db, { creator, title: "Eight days old, much liked", publish: true, now: hoursBefore(now, 8 * 24) });
    await likedBy(fresh, 2, now); // 8 / (1 + 2)^1.5 ≈ 1.54
    await likedBy(loved, 5, now); // 20 / (2 + 2)^1.5 = 2.5
    await likedBy(talked, 2, now); // (8 + 6) / 50^1.5 ≈ 0.04
    await addComment(as(await createUser(db), now), { postId: talked.id, body: "Lovely." });
    // The rollup's daily counts: 90 views and 5 engaged reads → 100 / 26^1.5 ≈ 0.75
    await db.insert(analyticsDailyPosts).values([
      { creatorId: creator.id, day: now.toISOString().slice(0, 10), postId: read.id, kind: "view", events: 90 },
      { creatorId: creator.id, day: now.toISOString().slice(0, 10), postId: read.id, kind: "engaged", events: 5 },
    ]);
    await likedBy(old, 10, now);

    const trending = await listTrendingPosts(as(null, now), { seesAdultPages: false, limit: 10 });
    expect(trending.map((post) => post.title)).toEqual([loved.title, fresh.title, read.title, talked.title]);
    expect(trending.map((post) => post.id)).not.toContain(quiet.id);
    expect(trending.map((post) => post.id)).not.toContain(old.id);

    // A day later every score has decayed, the fresher ones most: the post read a lot comes first.
    const later = await listTrendingPosts(as(null, new Date(now.getTime() + 24 * HOUR)), { seesAdultPages: false, limit: 10 });
    expect(later.map((post) => post.title)).toEqual([read.title, loved.title, fresh.title, talked.title]);
  });
});

describe("Rising", () => {
  it("lists small pages by the followers and members they gained lately, and never a big one", async () => {
    const db = testDb();
    const now = ownWeek();
    const small = await createCreator(db, { displayName: "Small and growing" });
    const smaller = await createCreator(db, { displayName: "Smaller, growing slower" });
    const big = await createCreator(db, { displayName: "Big already" });
    const stale = await createCreator(db, { displayName: "Followed long ago" });
    for (let n = 0; n < 3; n++) await followCreator(as(await createUser(db), hoursBefore(now, 24)), { creatorId: small.id });
    await followCreator(as(await createUser(db), hoursBefore(now, 24)), { creatorId: smaller.id });
    await followCreator(as(await createUser(db), hoursBefore(now, 20 * 24)), { creatorId: stale.id });
    // A big page gains more than anyone: its followers made in bulk (a page this size is not made one by one).
    const fans = await db
      .insert(users)
      .values(Array.from({ length: SMALL_PAGE_FOLLOWERS }, (_, n) => ({ email: `big-${big.id}-${n}@example.test`, name: `Fan ${n}` })))
      .returning({ id: users.id });
    await db.insert(follows).values(fans.map((fan) => ({ userId: fan.id, creatorId: big.id, createdAt: hoursBefore(now, 2) })));

    const rising = await listRisingCreators(as(null, now), { seesAdultPages: false, limit: 10 });
    const names = rising.map((creator) => creator.displayName);
    expect(names).toEqual([small.displayName, smaller.displayName]);
    expect(rising[0]).toMatchObject({ newFollowers: 3, newMembers: 0 });
  });
});

describe("a category's page", () => {
  it("lists the creators who picked it and their newest posts; a category not on the list is missing", async () => {
    const db = testDb();
    const now = ownWeek();
    const musician = await createCreator(db, { displayName: "Plays the oud" });
    const other = await createCreator(db, { displayName: "Writes essays" });
    await listed(musician, { category: "music" });
    await listed(other, { category: "writing" });
    const post = await createPost(db, { creator: musician, title: "A new maqam", publish: true, now: hoursBefore(now, 1) });
    await createPost(db, { creator: other, title: "An essay", publish: true, now: hoursBefore(now, 1) });

    const music = await readExploreCategory(as(null, now), { category: "music" });
    expect(music?.category).toEqual({ slug: "music", label: "Music" });
    expect(music?.creators[0]?.id).toBe(musician.id);
    expect(music?.creators.map((creator) => creator.id)).not.toContain(other.id);
    expect(music?.posts[0]?.id).toBe(post.id);
    expect(music?.posts.map((card) => card.creatorId)).not.toContain(other.id);
    expect(await readExploreCategory(as(null, now), { category: "astrology" })).toBeNull();

    // No category: off every category's page (and still in explore's other lists).
    await listed(musician, { category: null });
    const after = await readExploreCategory(as(null, now), { category: "music" });
    expect(after?.creators.map((creator) => creator.id)).not.toContain(musician.id);
  });
});

describe("pages for adults only", () => {
  it("are left out of every list for anonymous readers and fans who did not opt in, and shown to those who did", async () => {
    const db = testDb();
    const now = ownWeek();
    const adult = await createCreator(db, { displayName: "For adults" });
    await listed(adult, { category: "comics", adultsOnly: true });
    const post = await createPost(db, { creator: adult, title: "After dark", publish: true, now: hoursBefore(now, 1) });
    await likedBy(post, 2, now);
    await followCreator(as(await createUser(db), hoursBefore(now, 5)), { creatorId: adult.id });
    const fan = await createUser(db);
    const optedIn = await createUser(db);
    await setShowAdultPages(as(optedIn, now), { show: true });
    const follower = await createUser(db);
    await followCreator(as(follower, hoursBefore(now, 4)), { creatorId: adult.id });

    for (const viewer of [null, fan, follower]) {
      const explore = await readExplore(as(viewer, now));
      expect(explore.newPosts.map((card) => card.id)).not.toContain(post.id);
      expect(explore.trending.map((card) => card.id)).not.toContain(post.id);
      expect(explore.rising.map((creator) => creator.id)).not.toContain(adult.id);
      const comics = await readExploreCategory(as(viewer, now), { category: "comics" });
      expect(comics?.creators.map((creator) => creator.id)).not.toContain(adult.id);
      expect(comics?.posts.map((card) => card.id)).not.toContain(post.id);
    }
    expect((await readHomeFeed(as(fan, now))).discover.map((card) => card.id)).not.toContain(post.id);
    // Whom a fan follows still fills their feed.
    expect((await readHomeFeed(as(follower, now))).posts.map((card) => card.id)).toContain(post.id);

    const explore = await readExplore(as(optedIn, now));
    expect(explore.newPosts[0]?.id).toBe(post.id);
    expect(explore.trending.map((card) => card.id)).toContain(post.id);
    expect(explore.rising.map((creator) => creator.id)).toContain(adult.id);
    const comics = await readExploreCategory(as(optedIn, now), { category: "comics" });
    expect(comics?.creators.map((creator) => creator.id)).toContain(adult.id);
    expect(comics?.posts.map((card) => card.id)).toContain(post.id);
    expect((await readHomeFeed(as(optedIn, now))).discover.map((card) => card.id)).toContain(post.id);

    // Changing one's mind hides them again.
    await setShowAdultPages(as(optedIn, now), { show: false });
    expect((await readExplore(as(optedIn, now))).newPosts.map((card) => card.id)).not.toContain(post.id);
  });
});

describe("a creator's listing settings", () => {
  it("restem every post in the language chosen, and new posts take it", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Paintings", document: docWithText("She painted the walls."), publish: true });
    const words = async (id: string) => {
      const [row] = await db.select({ words: sql<string>`${posts.searchWords}::text`, language: sql<string>`${posts.language}::text` }).from(posts).where(eq(posts.id, id));
      return row!;
    };
    expect((await words(post.id)).words).toContain("'paint'");

    await listed(creator, { language: "simple" });
    expect(await words(post.id)).toMatchObject({ language: "simple" });
    expect((await words(post.id)).words).toContain("'paintings'");
    expect((await words(post.id)).words).toContain("'painted'");

    await listed(creator, { language: "spanish" });
    const fresh = await createDraft(serviceContext({ viewer: creator.user }), { title: "Pinturas", document: docWithText("Las pinturas.") });
    expect((await words(fresh.id)).language).toBe("spanish");
    expect((await words(fresh.id)).words).toContain("'pintur'");
  });

  it("refuse a category or language not on the list with a 4xx that says so", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const caller = createCaller(serviceContext({ viewer: creator.user }));
    const category = await caught(caller.creator.setListing({ category: "astrology" as "art", adultsOnly: false, language: "english" }));
    expect(category).toBeInstanceOf(TRPCError);
    expect((category as TRPCError).code).toBe("BAD_REQUEST");
    // The form shows each message beside its field.
    expect(z.flattenError((category as TRPCError).cause as z.ZodError).fieldErrors).toEqual({ category: ["Choose a category from the list, or none."] });
    const language = await caught(caller.creator.setListing({ category: null, adultsOnly: false, language: "klingon" as "english" }));
    expect((language as TRPCError).code).toBe("BAD_REQUEST");
    expect(z.flattenError((language as TRPCError).cause as z.ZodError).fieldErrors).toEqual({ language: ["Choose a language from the list."] });
    const extra = await caught(caller.creator.setListing({ category: null, adultsOnly: false, language: "english", featured: true } as never));
    expect((extra as TRPCError).code).toBe("BAD_REQUEST");
    // A fan with no page of their own has nothing to list.
    const fan = await createUser(db);
    const refused = await caught(createCaller(serviceContext({ viewer: fan })).creator.setListing({ category: "art", adultsOnly: false, language: "english" }));
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
  });
});

describe("canary: explore never carries a gated word", () => {
  it("shows a members-only post's teaser in New, Trending and its category's page, never the body", async () => {
    const db = testDb();
    const now = ownWeek();
    const creator = await createCreator(db);
    await listed(creator, { category: "writing" });
    await createTier(db, { creator, name: "Members", monthlyPrice: 500 });
    const post = await createPost(db, {
      creator,
      title: "Behind the wall",
      document: docWithPaywall("An open first paragraph.", "The canary word is xylocarpous."),
      access: "members",
      publish: true,
      now: hoursBefore(now, 1),
    });
    await addComment(as(creator.user, now), { postId: post.id, body: "Pinned note for members." });
    for (const viewer of [null, await createUser(db)]) {
      const explore = await readExplore(as(viewer, now));
      const writing = await readExploreCategory(as(viewer, now), { category: "writing" });
      const cards = [...explore.newPosts, ...explore.trending, ...(writing?.posts ?? [])].filter((card) => card.id === post.id);
      expect(cards.length).toBeGreaterThanOrEqual(3);
      for (const card of cards) expect(card.locked).toBe(true);
      expect(JSON.stringify([explore, writing])).not.toContain("xylocarpous");
    }
  });
});
