import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creators, posts, users } from "@/db/schema";
import { serviceContext, testDb, type ViewerLike } from "@/test/db";
import { caught } from "@/test/errors";
import { createCaller } from "../../trpc/root";
import { createCreator, createMembership, createPost, createTier, createUser } from "@/server/testing/factories";
import { docWithPaywall, docWithText } from "@/server/testing/documents";
import { setPostTags } from "./tags";

/** A word no other test writes: each test finds only its own posts. */
const unique = () => `w${randomUUID().replace(/-/g, "").slice(0, 10)}`;

const find = (viewer: ViewerLike, input: Parameters<ReturnType<typeof createCaller>["post"]["search"]>[0]) =>
  createCaller(serviceContext({ viewer })).post.search(input);

describe("search: creators", () => {
  it("finds a creator by name or handle despite a typo, and leaves pages for adults to those who asked", async () => {
    const db = testDb();
    const token = unique().slice(1, 7);
    const creator = await createCreator(db, { handle: `lunabird-${token}`, displayName: `Lunabird Studio ${token}` });
    const byHandle = await find(null, { q: `lunabrid-${token}` });
    expect(byHandle.creators.map((hit) => hit.handle)).toContain(creator.handle);
    const byName = await find(null, { q: `Lunabrid Studoi ${token}` });
    expect(byName.creators.map((hit) => hit.handle)).toContain(creator.handle);

    await db.update(creators).set({ adultsOnly: true }).where(eq(creators.id, creator.id));
    const fan = await createUser(db);
    expect((await find(null, { q: creator.handle })).creators.map((hit) => hit.id)).not.toContain(creator.id);
    expect((await find(fan, { q: creator.handle })).creators.map((hit) => hit.id)).not.toContain(creator.id);
    await db.update(users).set({ showAdultPages: true }).where(eq(users.id, fan.id));
    expect((await find(fan, { q: creator.handle })).creators.map((hit) => hit.id)).toContain(creator.id);
  });

  it("leaves an adults-only creator's posts out of search for anyone who has not asked", async () => {
    const db = testDb();
    const word = unique();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: `Night drawings ${word}`, publish: true });
    expect((await find(null, { q: word })).posts.map((hit) => hit.id)).toEqual([post.id]);
    await db.update(creators).set({ adultsOnly: true }).where(eq(creators.id, creator.id));
    expect((await find(null, { q: word })).posts).toEqual([]);
  });
});

describe("search: posts", () => {
  it("stems words in the post's language and takes each word as a prefix", async () => {
    const db = testDb();
    const word = unique();
    const creator = await createCreator(db);
    const english = await createPost(db, { creator, title: `Paintings of harbours ${word}`, document: docWithText("She painted the boats every morning."), publish: true });
    const spanish = await createPost(db, { creator, title: `Cuadernos ${word}`, document: docWithText("Las pinturas del puerto."), publish: true });
    await db.update(posts).set({ language: "spanish" }).where(eq(posts.id, spanish.id));

    const ids = async (q: string) => (await find(null, { q: `${q} ${word}` })).posts.map((hit) => hit.id);
    expect(await ids("painting")).toEqual([english.id]);
    expect(await ids("paint")).toEqual([english.id]);
    expect(await ids("harbour")).toEqual([english.id]);
    expect(await ids("pintura")).toEqual([spanish.id]);
    expect(await ids("pint")).toEqual([spanish.id]);
  });

  it("corrects a mistyped word to a published title's word when the words find too little", async () => {
    const db = testDb();
    const token = unique();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: `On finishing things ${token}`, publish: true });
    const hits = await find(null, { q: `finshing things ${token}` });
    expect(hits.posts.map((hit) => hit.id)).toEqual([post.id]);
    expect(hits.correctedTo).toBe(`finishing things ${token}`);
    // A word spelled right is not "corrected", and a draft's title is no suggestion.
    await createPost(db, { creator, title: `Unpublished zanzibar ${token}` });
    expect((await find(null, { q: `zanzibr ${token}` })).correctedTo).toBeNull();
  });

  it("matches a gated post's typo'd title but quotes only its teaser", async () => {
    const db = testDb();
    const token = unique();
    const secret = `secret${unique()}`;
    const creator = await createCreator(db);
    await createTier(db, { creator, monthlyPrice: 500 });
    const post = await createPost(db, { creator, title: `Harbour sketches ${token}`, document: docWithPaywall("Open words.", secret), access: "paid", publish: true });
    const hits = await find(null, { q: `harbur skeches ${token}` });
    expect(hits.posts.map((hit) => hit.id)).toEqual([post.id]);
    expect(JSON.stringify(hits)).not.toContain(secret);
    expect(hits.posts[0]).toMatchObject({ locked: true, snippet: "Open words." });
  });

  it("narrows by creator, kind, tag and date", async () => {
    const db = testDb();
    const word = unique();
    const now = new Date();
    const one = await createCreator(db);
    const other = await createCreator(db);
    const old = await createPost(db, { creator: one, title: `Old ${word}`, publish: true, now: new Date(now.getTime() - 60 * 86_400_000) });
    const tagged = await createPost(db, { creator: one, title: `Tagged ${word}`, publish: true });
    await setPostTags(db, one.id, tagged.id, ["Field Notes"]);
    const theirs = await createPost(db, { creator: other, title: `Theirs ${word}`, publish: true });

    const ids = async (input: Omit<Parameters<typeof find>[1], "q">) => (await find(null, { q: word, ...input })).posts.map((hit) => hit.id).sort();
    expect(await ids({})).toEqual([old.id, tagged.id, theirs.id].sort());
    expect(await ids({ creator: `@${one.handle}` })).toEqual([old.id, tagged.id].sort());
    expect(await ids({ tag: "field notes" })).toEqual([tagged.id]);
    expect(await ids({ since: "month" })).toEqual([tagged.id, theirs.id].sort());
    expect(await ids({ kind: "video" })).toEqual([]);
    expect(await ids({ kind: "text" })).toEqual([old.id, tagged.id, theirs.id].sort());
    const nobody = await find(null, { q: word, creator: "no-such-creator-here" });
    expect(nobody).toMatchObject({ posts: [], narrowedTo: null });
  });

  it("pages through every match by relevance and by date, each once, newest first by date", async () => {
    const db = testDb();
    const word = unique();
    const creator = await createCreator(db);
    const start = Date.now() - 10 * 86_400_000;
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(await createPost(db, { creator, title: `Part ${i} ${word}`, document: docWithText(Array(i + 1).fill(word).join(" ")), publish: true, now: new Date(start + i * 3_600_000) }));
    }
    for (const sort of ["relevance", "newest"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await find(null, { q: word, sort, limit: 3, cursor });
        seen.push(...page.posts.map((hit) => hit.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort(), sort).toEqual(made.map((post) => post.id).sort());
    }
    const newest = await find(null, { q: word, sort: "newest", limit: 7 });
    expect(newest.posts.map((hit) => hit.id)).toEqual(made.map((post) => post.id).reverse());
    // By relevance the post that says the word most often comes first.
    const best = await find(null, { q: word, limit: 1 });
    expect(best.posts[0]!.id).toBe(made.at(-1)!.id);
  });

  it("never matches a member's words for a stranger, and finds them for the member", async () => {
    const db = testDb();
    const secret = unique();
    const creator = await createCreator(db);
    const tier = await createTier(db, { creator, monthlyPrice: 500 });
    const member = (await createMembership(db, { tier })).user;
    const post = await createPost(db, { creator, title: "Members' notes", document: docWithPaywall("Open words.", `${secret} inside`), access: "paid", publish: true });
    for (const sort of ["relevance", "newest"] as const) {
      expect((await find(null, { q: secret, sort })).posts, sort).toEqual([]);
      expect((await find(member, { q: secret, sort })).posts.map((hit) => hit.id), sort).toEqual([post.id]);
    }
  });

  it("refuses a cursor from another sort and a query that is too long, with a message", async () => {
    const word = unique();
    const stale = await caught(find(null, { q: word, sort: "newest", cursor: Buffer.from(JSON.stringify(["rank", 20])).toString("base64url") }));
    expect(stale).toMatchObject({ code: "BAD_REQUEST", message: "This page of results is out of date. Go back to the first page." });
    const long = await caught(find(null, { q: "x".repeat(201) }));
    expect(long).toMatchObject({ code: "BAD_REQUEST" });
    expect(String((long as { cause: unknown }).cause)).toContain("Keep the search under 200 characters.");
  });
});

describe("search: gated words", () => {
  it("never carries a gated word in creator or post results, whatever the words asked", async () => {
    const db = testDb();
    const token = unique().slice(1, 8);
    const secret = `canary${unique()}`;
    const creator = await createCreator(db, { handle: `quill-${token}`, displayName: `Quill Press ${token}` });
    await createTier(db, { creator, monthlyPrice: 500 });
    await createPost(db, { creator, title: `Quill notes ${token}`, document: docWithPaywall("Open words.", `${secret} and more`), access: "paid", publish: true });
    for (const q of [`quill ${token}`, `qiull-${token}`, `${token} notes`, `Quil nots ${token}`, secret]) {
      for (const sort of ["relevance", "newest"] as const) {
        const results = await find(null, { q, sort });
        expect(JSON.stringify(results), `${q} by ${sort}`).not.toContain(secret);
      }
    }
    expect((await find(null, { q: `qiull-${token}` })).creators.map((hit) => hit.id)).toContain(creator.id);
  });
});
