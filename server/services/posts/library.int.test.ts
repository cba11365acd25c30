import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { posts, postTags, tags } from "@/db/schema";
import { AppErrorCode } from "@/lib/errors";
import { createCreator, createPost, createTier, docWithText } from "@/server/testing/factories";
import { serviceContext, testDb } from "@/test/db";
import { caught, TECHNICAL_DETAIL } from "@/test/errors";
import { bulkAddTag, bulkArchive, bulkTrash, listLibrary } from "./library";
import { archivePost, schedulePost, trashPost } from "./lifecycle";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function library() {
  const creator = await createCreator(testDb());
  const as = (now = new Date()) => serviceContext({ viewer: creator.user, now });
  return { creator, as };
}

function titles(page: { items: { title: string }[] }) {
  return page.items.map((item) => item.title);
}

async function tagPost(creatorId: string, postId: string, name: string) {
  const slug = name.toLowerCase();
  await testDb().insert(tags).values({ creatorId, name, slug }).onConflictDoNothing();
  const tag = await testDb().query.tags.findFirst({ where: and(eq(tags.slug, slug), eq(tags.creatorId, creatorId)) });
  await testDb().insert(postTags).values({ postId, tagId: tag!.id }).onConflictDoNothing();
  return tag!;
}

describe("posts library", () => {
  it("shows only the viewer's own posts, newest first, with counts per status", async () => {
    const { creator, as } = await library();
    const base = Date.now() - 10 * DAY;
    await createPost(testDb(), { creator, title: "Old draft", now: new Date(base) });
    await createPost(testDb(), { creator, title: "Published essay", publish: true, now: new Date(base + DAY) });
    const toArchive = await createPost(testDb(), { creator, title: "Archived note", publish: true, now: new Date(base + 2 * DAY) });
    await archivePost(as(), { id: toArchive.id });
    const toTrash = await createPost(testDb(), { creator, title: "Trashed", now: new Date(base + 3 * DAY) });
    await trashPost(as(), { id: toTrash.id });
    await createPost(testDb(), { creator: await createCreator(testDb()), title: "Someone else's" });

    const page = await listLibrary(as(), {});
    expect(titles(page)).toEqual(["Archived note", "Published essay", "Old draft"]);
    expect(page.counts).toEqual({ all: 3, draft: 1, scheduled: 0, published: 1, archived: 1, trash: 1 });

    const trash = await listLibrary(as(), { trashed: true });
    expect(titles(trash)).toEqual(["Trashed"]);
    expect(trash.items[0]!.purgeAt!.getTime() - trash.items[0]!.deletedAt!.getTime()).toBe(30 * DAY);
  });

  it("shows who can read each post, with its tiers, and filters by it with counts that follow", async () => {
    const { creator, as } = await library();
    const silver = await createTier(testDb(), { creator, name: "Silver", monthlyPrice: 500 });
    const gold = await createTier(testDb(), { creator, name: "Gold", monthlyPrice: 1500 });
    await createPost(testDb(), { creator, title: "Open letter", publish: true });
    await createPost(testDb(), { creator, title: "Members' notes", access: "members" });
    await createPost(testDb(), { creator, title: "Gold and Silver", access: "tiers", tierIds: [gold.id, silver.id], publish: true });

    const all = await listLibrary(as(), {});
    const byTitle = new Map(all.items.map((item) => [item.title, item]));
    expect(byTitle.get("Open letter")).toMatchObject({ access: "public", tiers: [] });
    expect(byTitle.get("Members' notes")).toMatchObject({ access: "members", tiers: [] });
    // In the creator's order of tiers, whatever order they were ticked in.
    expect(byTitle.get("Gold and Silver")!.tiers.map((tier) => tier.name)).toEqual(["Silver", "Gold"]);

    const gated = await listLibrary(as(), { access: ["members", "tiers"] });
    expect(titles(gated).sort()).toEqual(["Gold and Silver", "Members' notes"]);
    expect(gated.counts).toMatchObject({ all: 2, draft: 1, published: 1 });
    expect(titles(await listLibrary(as(), { access: ["public"] }))).toEqual(["Open letter"]);
  });

  it("shows when scheduled posts go out, and sorts them by that time", async () => {
    const { creator, as } = await library();
    const now = new Date();
    const soon = await createPost(testDb(), { creator, title: "Tomorrow" });
    const later = await createPost(testDb(), { creator, title: "Next week" });
    await schedulePost(as(now), { id: soon.id, at: new Date(now.getTime() + DAY) });
    await schedulePost(as(now), { id: later.id, at: new Date(now.getTime() + 7 * DAY) });

    const page = await listLibrary(as(now), { status: ["scheduled"], sort: "date_asc" });
    expect(page.items.map((i) => [i.title, i.scheduledAt])).toEqual([
      ["Tomorrow", new Date(now.getTime() + DAY)],
      ["Next week", new Date(now.getTime() + 7 * DAY)],
    ]);
  });

  it("searches titles and text by word prefix, and combines search with filters", async () => {
    const { creator, as } = await library();
    const sourdough = await createPost(testDb(), {
      creator,
      title: "Weekend baking",
      document: docWithText("Notes on sourdough starters and patience."),
      publish: true,
    });
    await createPost(testDb(), { creator, title: "Sourdough, again", document: docWithText("A second loaf.") });
    await createPost(testDb(), { creator, title: "Gardening", document: docWithText("Tomatoes.") });
    await tagPost(creator.id, sourdough.id, "Bread");

    expect(titles(await listLibrary(as(), { q: "sourd" })).sort()).toEqual(["Sourdough, again", "Weekend baking"]);
    expect(titles(await listLibrary(as(), { q: "PATIENCE starter" }))).toEqual(["Weekend baking"]);
    expect(titles(await listLibrary(as(), { q: "sourdough", status: ["draft"] }))).toEqual(["Sourdough, again"]);
    const tag = (await testDb().query.tags.findFirst({ where: eq(tags.creatorId, creator.id) }))!;
    const tagged = await listLibrary(as(), { q: "sourdough", tagIds: [tag.id] });
    expect(titles(tagged)).toEqual(["Weekend baking"]);
    expect(tagged.items[0]!.tags).toEqual([{ id: tag.id, name: "Bread" }]);
    // Counts follow the search, so the status tabs say where the matches are.
    expect((await listLibrary(as(), { q: "sourdough" })).counts).toMatchObject({ all: 2, draft: 1, published: 1 });
    // Punctuation alone is no search at all, and never an error.
    expect(titles(await listLibrary(as(), { q: "'&|!:*" }))).toHaveLength(3);
  });

  it("filters by type and by a date range", async () => {
    const { creator, as } = await library();
    const march = new Date("2026-03-10T12:00:00Z");
    const april = new Date("2026-04-10T12:00:00Z");
    await createPost(testDb(), { creator, title: "March", publish: true, now: march });
    await createPost(testDb(), { creator, title: "April", publish: true, now: april });
    const audio = await createPost(testDb(), { creator, title: "Episode 1", publish: true, now: april });
    await testDb().update(posts).set({ kind: "audio" }).where(eq(posts.id, audio.id));

    const inApril = await listLibrary(as(), { from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-05-01T00:00:00Z") });
    expect(titles(inApril).sort()).toEqual(["April", "Episode 1"]);
    expect(titles(await listLibrary(as(), { kind: ["audio"] }))).toEqual(["Episode 1"]);
    expect(titles(await listLibrary(as(), { kind: ["text"], to: new Date("2026-04-01T00:00:00Z") }))).toEqual(["March"]);
  });

  it("pages through every post exactly once with a cursor, in each sort order", async () => {
    const { creator, as } = await library();
    // Equal timestamps on purpose: the id breaks ties, so pages neither skip nor repeat.
    const same = new Date("2026-01-01T00:00:00.123Z");
    for (let i = 0; i < 7; i++) await createPost(testDb(), { creator, title: `Post ${i % 3}`, now: same });
    for (const sort of ["date_desc", "date_asc", "updated_desc", "title_asc"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listLibrary(as(), { sort, limit: 3, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
    }
    const byTitle = await listLibrary(as(), { sort: "title_asc" });
    expect(titles(byTitle)).toEqual([...titles(byTitle)].sort());
  });

  it("refuses a tampered or mismatched cursor with plain words", async () => {
    const { creator, as } = await library();
    for (let i = 0; i < 2; i++) await createPost(testDb(), { creator });
    const first = await listLibrary(as(), { limit: 1 });
    for (const input of [{ cursor: "not-a-cursor" }, { cursor: first.nextCursor!, sort: "title_asc" as const }]) {
      const error = await caught(listLibrary(as(), input));
      expect(error).toMatchObject({ code: AppErrorCode.INVALID_INPUT, field: "cursor" });
      expect((error as Error).message).not.toMatch(TECHNICAL_DETAIL);
    }
  });

  it("needs a creator page", async () => {
    const error = await caught(listLibrary(serviceContext(), {}));
    expect(error).toMatchObject({ code: AppErrorCode.UNAUTHENTICATED });
  });
});

describe("bulk actions", () => {
  it("adds a tag to the selection, creating it once and matching it by name", async () => {
    const { creator, as } = await library();
    const a = await createPost(testDb(), { creator });
    const b = await createPost(testDb(), { creator });
    const first = await bulkAddTag(as(), { ids: [a.id, b.id], tag: "Field notes" });
    expect(first).toMatchObject({ changed: 2, unchanged: 0, tag: { name: "Field notes" } });
    const again = await bulkAddTag(as(), { ids: [a.id], tag: "  field   NOTES " });
    expect(again).toMatchObject({ changed: 0, unchanged: 1, tag: { id: first.tag.id } });
    const page = await listLibrary(as(), { tagIds: [first.tag.id] });
    expect(page.items).toHaveLength(2);
  });

  it("archives and trashes a selection, and refuses one that includes another creator's post", async () => {
    const { creator, as } = await library();
    const a = await createPost(testDb(), { creator, publish: true });
    const b = await createPost(testDb(), { creator });
    const foreign = await createPost(testDb(), { creator: await createCreator(testDb()) });

    for (const attempt of [
      () => bulkArchive(as(), { ids: [a.id, foreign.id] }),
      () => bulkTrash(as(), { ids: [a.id, foreign.id] }),
      () => bulkAddTag(as(), { ids: [a.id, foreign.id], tag: "Mine now" }),
    ]) {
      expect(await caught(attempt())).toMatchObject({ code: AppErrorCode.NOT_FOUND });
    }
    expect((await testDb().query.posts.findFirst({ where: eq(posts.id, foreign.id) }))!.status).toBe("draft");
    expect(await testDb().select().from(postTags).where(eq(postTags.postId, foreign.id))).toEqual([]);

    expect(await bulkArchive(as(), { ids: [a.id, b.id] })).toEqual({ changed: 2, unchanged: 0 });
    expect((await listLibrary(as(), {})).counts).toMatchObject({ archived: 2 });
    expect(await bulkTrash(as(), { ids: [a.id, b.id] })).toEqual({ changed: 2, unchanged: 0 });
    expect((await listLibrary(as(), {})).counts).toMatchObject({ all: 0, trash: 2 });
  });

  it("limits how many posts one bulk action may touch", async () => {
    const { as } = await library();
    const ids = Array.from({ length: 101 }, (_, i) => `post-${i}`);
    const error = await caught(bulkArchive(as(), { ids }));
    expect(error).toMatchObject({ name: "ZodError" });
  });
});
