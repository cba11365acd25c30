// Post settings: the address until first publish, the teaser non-members see, tags, cover, toggles.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { media, posts } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, createPost, docWithText, type TestCreator } from "../../testing/factories";
import { updatePostSettings } from "./settings";
import { publishPost, savePost } from "./editing";
import { listOwnTags } from "./tags";

function asCreator(creator: TestCreator) {
  return serviceContext({ viewer: creator.user });
}

async function stored(id: string) {
  return (await testDb().query.posts.findFirst({ where: eq(posts.id, id) }))!;
}

describe("the address", () => {
  it("can be chosen before the first publish, stops following the title, and is frozen after", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Working title" });

    expect(await updatePostSettings(ctx, { id: post.id, slug: "my-own-address" })).toMatchObject({ slug: "my-own-address", slugLocked: false });
    const saved = await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Final title", document: docWithText("x") });
    expect(saved.slug).toBe("my-own-address");

    // Empty: follow the title again.
    expect(await updatePostSettings(ctx, { id: post.id, slug: "" })).toMatchObject({ slug: "final-title" });

    await publishPost(ctx, { id: post.id, baseVersion: saved.version });
    const frozen = await caught(updatePostSettings(ctx, { id: post.id, slug: "too-late" }));
    expect(frozen).toMatchObject({ code: "INVALID_INPUT", field: "slug", message: "The address is fixed once a post has been published." });
    expect(await stored(post.id)).toMatchObject({ slug: "final-title" });
  });

  it("refuses an address another post uses, and one that is not a slug", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    await createPost(db, { creator, title: "Taken" });
    const post = await createPost(db, { creator, title: "Mine" });

    expect(await caught(updatePostSettings(ctx, { id: post.id, slug: "taken" }))).toMatchObject({ code: "ALREADY_EXISTS", field: "slug" });
    expect(await caught(updatePostSettings(ctx, { id: post.id, slug: "Not a slug!" }))).toMatchObject({ code: "INVALID_INPUT", field: "slug" });
    expect(await stored(post.id)).toMatchObject({ slug: "mine" });
  });
});

describe("the teaser", () => {
  it("follows the teaser mode: the preview text (never the body's opening), the preview text alone, or nothing", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "T", document: docWithText("The opening <lines>.", "More.") });
    // No paywall break and no preview text: the stored teaser is empty, not the start of the body.
    expect(await stored(post.id)).toMatchObject({ teaserHtml: "", teaserText: "", plainText: "The opening <lines>.\n\nMore." });
    const auto = await updatePostSettings(ctx, { id: post.id, previewText: "A <taste>." });
    expect(auto.teaserHtml).toBe("<p>A &#60;taste&#62;.</p>");
    expect(await stored(post.id)).toMatchObject({ teaserText: "A <taste>." });

    const custom = await updatePostSettings(ctx, { id: post.id, teaserMode: "custom", previewText: "For members: <b>notes</b>.\n\nSecond." });
    expect(custom.teaserHtml).toBe("<p>For members: &#60;b&#62;notes&#60;/b&#62;.</p><p>Second.</p>");

    const none = await updatePostSettings(ctx, { id: post.id, teaserMode: "none" });
    expect(none.teaserHtml).toBe("");
    expect(await stored(post.id)).toMatchObject({ teaserText: "" });

    const cleared = await caught(updatePostSettings(ctx, { id: post.id, teaserMode: "custom", previewText: "  " }));
    expect(cleared).toMatchObject({ code: "INVALID_INPUT", field: "previewText" });
  });
});

describe("tags", () => {
  it("are created on the fly, one per name, at most fifty per post", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const first = await createPost(db, { creator, title: "A" });
    const second = await createPost(db, { creator, title: "B" });

    expect((await updatePostSettings(ctx, { id: first.id, tags: ["Field notes", "field-notes", " Sound "] })).tags).toEqual(["Field notes", "Sound"]);
    expect((await updatePostSettings(ctx, { id: second.id, tags: ["sound"] })).tags).toEqual(["Sound"]);
    expect((await listOwnTags(ctx)).map((t) => [t.name, t.posts])).toEqual([
      ["Field notes", 1],
      ["Sound", 2],
    ]);

    const tooMany = Array.from({ length: 51 }, (_, i) => `tag ${i}`);
    // Refused by the input schema (a 400 with the message next to the tags field), changing nothing.
    expect(await caught(updatePostSettings(ctx, { id: first.id, tags: tooMany }))).toBeInstanceOf(ZodError);
    expect((await updatePostSettings(ctx, { id: first.id })).tags).toEqual(["Field notes", "Sound"]);
    expect((await updatePostSettings(ctx, { id: first.id, tags: [] })).tags).toEqual([]);
  });
});

describe("the cover and toggles", () => {
  it("take only the creator's own images as the cover", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const other = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Cover" });
    const image = (n: TestCreator, kind: "image" | "audio") => ({ creatorId: n.id, kind, storageKey: `k/${crypto.randomUUID()}`, mime: "image/png", size: 10 });
    const [mine, theirs, audio] = await db
      .insert(media)
      .values([image(creator, "image"), image(other, "image"), image(creator, "audio")])
      .returning();

    for (const id of [theirs!.id, audio!.id, "no-such-media"]) {
      expect(await caught(updatePostSettings(ctx, { id: post.id, coverMediaId: id }))).toMatchObject({ code: "INVALID_INPUT", field: "coverMediaId" });
    }
    expect(await updatePostSettings(ctx, { id: post.id, coverMediaId: mine!.id, commentAccess: "paid", notifyMembers: false })).toMatchObject({
      coverMediaId: mine!.id,
      commentAccess: "paid",
      notifyMembers: false,
    });
    expect(await updatePostSettings(ctx, { id: post.id, coverMediaId: null })).toMatchObject({ coverMediaId: null });
  });

  it("belong to the post's creator only", async () => {
    const db = testDb();
    const owner = await createCreator(db);
    const other = await createCreator(db);
    const post = await createPost(db, { creator: owner, title: "Mine" });

    expect(await caught(updatePostSettings(asCreator(other), { id: post.id, commentAccess: "off" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await stored(post.id)).toMatchObject({ commentAccess: "readers" });
  });
});
