// Collections on the real database: a creator builds an ordered series (add, reorder, remove) of
// their own posts only, nobody else can touch it; its page and feed list the published posts in
// order, each as the policy lets the reader see it (a gated post's words never reach a reader who
// may not read it), and a post knows its previous and next in each collection.
import { describe, expect, it } from "vitest";
import { docWithText } from "@/server/testing/documents";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, creatorWithTiers } from "@/test/memberships";
import { createCreator, createMembership, createPost } from "../../testing/factories";
import {
  collectionPlaces,
  collectionsOf,
  createCollection,
  deleteCollection,
  readCollection,
  setCollectionPosts,
  studioCollections,
  updateCollection,
} from "./collections";
import { collectionFeedXml } from "./feed";

const ORIGIN = "https://atelier.example";

describe("building a collection", () => {
  it("keeps the creator's posts in the order given: add, reorder, remove, rename; the address stays", async () => {
    const creator = await createCreator(testDb());
    const me = at(creator.user);
    const [one, two, three] = [
      await createPost(testDb(), { creator, title: "One", publish: true }),
      await createPost(testDb(), { creator, title: "Two", publish: true }),
      await createPost(testDb(), { creator, title: "Three" }),
    ];
    const { id, slug } = await createCollection(me, { title: "A Year of Maps", description: "Monthly." });
    expect(slug).toBe("a-year-of-maps");
    expect((await createCollection(me, { title: "A Year of Maps" })).slug).toBe("a-year-of-maps-2");
    await setCollectionPosts(me, { id, postIds: [one.id, two.id, three.id] });
    await setCollectionPosts(me, { id, postIds: [three.id, one.id, two.id] });
    await setCollectionPosts(me, { id, postIds: [three.id, two.id] });
    await updateCollection(me, { id, title: "Two Years of Maps", description: "" });
    const mine = (await studioCollections(me)).collections.find((c) => c.id === id)!;
    expect(mine).toMatchObject({ title: "Two Years of Maps", slug: "a-year-of-maps", description: "" });
    expect(mine.posts.map((p) => [p.title, p.status])).toEqual([
      ["Three", "draft"],
      ["Two", "published"],
    ]);
    await deleteCollection(me, { id });
    expect((await studioCollections(me)).collections.map((c) => c.id)).not.toContain(id);
  });

  it("refuses another creator's posts, a post twice, an empty title, and anyone else's hands on it", async () => {
    const creator = await createCreator(testDb());
    const other = await createCreator(testDb());
    const theirs = await createPost(testDb(), { creator: other, publish: true });
    const mine = await createPost(testDb(), { creator, publish: true });
    const { id } = await createCollection(at(creator.user), { title: "Mine" });
    expect(await caught(setCollectionPosts(at(creator.user), { id, postIds: [theirs.id] }))).toMatchObject({ code: "INVALID_INPUT", field: "postIds" });
    expect(await caught(setCollectionPosts(at(creator.user), { id, postIds: [mine.id, mine.id] }))).toMatchObject({ code: "INVALID_INPUT", field: "postIds" });
    expect(await caught(createCollection(at(creator.user), { title: "   " }))).toMatchObject({ name: "ZodError" });
    expect(await caught(setCollectionPosts(at(other.user), { id, postIds: [theirs.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await caught(updateCollection(at(other.user), { id, title: "Taken", description: "" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await caught(deleteCollection(at(other.user), { id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await studioCollections(at(creator.user))).collections.map((c) => c.title)).toEqual(["Mine"]);
  });
});

describe("reading a collection", () => {
  it("lists published posts in order, a gated one as the reader may see it, in the page and the feed; previous and next follow the order", async () => {
    const { creator, supporter } = await creatorWithTiers();
    const secret = "SECRET-CHAPTER-WORDS";
    const open = await createPost(testDb(), { creator, title: "Chapter 1", publish: true, document: docWithText("Open to all.") });
    const gated = await createPost(testDb(), { creator, title: "Chapter 2", publish: true, access: "paid", document: docWithText(secret) });
    const draft = await createPost(testDb(), { creator, title: "Chapter 3 (draft)" });
    const last = await createPost(testDb(), { creator, title: "Chapter 4", publish: true });
    const { id, slug } = await createCollection(at(creator.user), { title: "The Story" });
    await setCollectionPosts(at(creator.user), { id, postIds: [open.id, gated.id, draft.id, last.id] });

    const stranger = await readCollection(at(null), creator.handle, slug);
    expect(stranger!.posts.map((p) => [p.title, p.locked])).toEqual([
      ["Chapter 1", false],
      ["Chapter 2", true],
      ["Chapter 4", false],
    ]);
    expect(JSON.stringify(stranger)).not.toContain(secret);
    const member = await createMembership(testDb(), { tier: supporter });
    const unlocked = await readCollection(at(member.user), creator.handle, slug);
    expect(unlocked!.posts.find((p) => p.title === "Chapter 2")!.locked).toBe(false);

    const feed = (await collectionFeedXml(at(null), creator.handle, slug, ORIGIN))!;
    expect(feed).toContain("<title>The Story · ");
    expect(feed.indexOf("Chapter 1")).toBeLessThan(feed.indexOf("Chapter 2"));
    expect(feed.indexOf("Chapter 2")).toBeLessThan(feed.indexOf("Chapter 4"));
    expect(feed).not.toContain("Chapter 3");
    expect(feed).not.toContain(secret);
    expect(await collectionFeedXml(at(null), creator.handle, "no-such-collection", ORIGIN)).toBeNull();

    // The draft is skipped: Chapter 2 leads back to 1 and on to 4.
    expect(await collectionPlaces(at(null), gated.id)).toEqual([
      { title: "The Story", slug, index: 1, total: 3, previous: { title: "Chapter 1", slug: open.slug }, next: { title: "Chapter 4", slug: last.slug } },
    ]);
    expect((await collectionPlaces(at(null), open.id))[0]).toMatchObject({ index: 0, previous: null });
    expect(await collectionsOf(at(null), creator.id)).toEqual([expect.objectContaining({ title: "The Story", posts: 3 })]);
    expect(await readCollection(at(null), creator.handle, "no-such-collection")).toBeNull();
  });
});
