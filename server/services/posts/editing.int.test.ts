import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, createPost, createUser, docWithText, type TestCreator } from "../../testing/factories";
import { getReadablePost, listPublishedPosts, listRecentPublished } from "./reads";
import { createPost as createDraft, publishPendingChanges, publishPost, savePost } from "./editing";
import { listLibrary } from "./library";

/** Text that exists only inside a gated body: it must never appear in anything a non-member gets. */
function canary(): string {
  return `canary${randomUUID().replaceAll("-", "")}`;
}

function asCreator(creator: TestCreator, now?: Date) {
  return serviceContext({ viewer: creator.user, now });
}

async function storedPost(id: string) {
  return testDb().query.posts.findFirst({ where: eq(posts.id, id) });
}

const hostileDocuments = [
  [
    "a javascript: link",
    {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "click me", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
        },
      ],
    },
  ],
  ["an unknown node type", { type: "doc", content: [{ type: "rawHtml", attrs: { html: "<script>alert(1)</script>" } }] }],
  ["an event handler attribute", { type: "doc", content: [{ type: "paragraph", attrs: { onclick: "alert(1)" } }] }],
  ["something that is not a document", "<p>hello</p>"],
] as const;

describe("writing a post", () => {
  it("goes from draft to saved to published, the version counting every write", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);

    const draft = await createDraft(ctx, { title: "First light" });
    expect(draft).toMatchObject({ status: "draft", version: 1, slug: "first-light", publishedAt: null });

    const saved = await savePost(ctx, {
      id: draft.id,
      baseVersion: draft.version,
      title: "First light",
      document: docWithText("Morning over the harbour.", "Boats, gulls, and fog."),
    });
    expect(saved).toMatchObject({ id: draft.id, version: 2, slug: "first-light" });

    const published = await publishPost(ctx, { id: draft.id, baseVersion: saved.version });
    expect(published).toMatchObject({ status: "published", version: 3, wordCount: 8 });
    expect(published.publishedAt).toEqual(ctx.now);
    expect(published.html).toBe("<p>Morning over the harbour.</p><p>Boats, gulls, and fog.</p>");
    expect(published.excerpt).toBe("Morning over the harbour. Boats, gulls, and fog.");
  });

  it("lets the slug follow the title until the first publish, then keeps it", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const document = docWithText("Body.");

    const draft = await createDraft(ctx, { title: "Working title" });
    const renamed = await savePost(ctx, { id: draft.id, baseVersion: 1, title: "The real title", document });
    expect(renamed.slug).toBe("the-real-title");

    const published = await publishPost(ctx, { id: draft.id, baseVersion: renamed.version });
    const afterPublish = await savePost(ctx, {
      id: draft.id,
      baseVersion: published.version,
      title: "A better title, later",
      document,
    });
    expect(afterPublish).toMatchObject({ slug: "the-real-title", hasPendingChanges: true });

    // A published post's edits wait for Update; the slug stays frozen through it.
    const updated = await publishPendingChanges(ctx, { id: draft.id, baseVersion: afterPublish.version });
    expect(updated).toMatchObject({ title: "A better title, later", slug: "the-real-title", hasPendingChanges: false });
    expect(await getReadablePost(serviceContext(), creator.handle, "the-real-title")).toMatchObject({
      title: "A better title, later",
    });
    expect(await getReadablePost(serviceContext(), creator.handle, "a-better-title-later")).toBeNull();
  });

  it("gives two posts with one title different slugs", async () => {
    const creator = await createCreator(testDb());
    const ctx = asCreator(creator);

    const first = await createDraft(ctx, { title: "Notes" });
    const second = await createDraft(ctx, { title: "Notes" });

    expect([first.slug, second.slug]).toEqual(["notes", "notes-2"]);
  });

  it("gives two posts created at once with one title different slugs", async () => {
    const creator = await createCreator(testDb());
    const ctx = asCreator(creator);

    const created = await Promise.all([createDraft(ctx, { title: "Same time" }), createDraft(ctx, { title: "Same time" })]);

    expect(created.map((p) => p.slug).sort()).toEqual(["same-time", "same-time-2"]);
  });

  it("asks for a title before publishing", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "   " });

    const error = await caught(publishPost(asCreator(creator), { id: post.id, baseVersion: post.version }));

    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "title", message: "Give your post a title before publishing." });
    expect(await storedPost(post.id)).toMatchObject({ status: "draft", publishedAt: null });
  });

  it("refuses the second of two saves made from the same version, keeping the first one's text", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Shared", document: docWithText("Original.") });

    const results = await Promise.allSettled([
      savePost(ctx, { id: post.id, baseVersion: post.version, title: "Shared", document: docWithText("Tab A wrote this.") }),
      savePost(ctx, { id: post.id, baseVersion: post.version, title: "Shared", document: docWithText("Tab B wrote this.") }),
    ]);

    const won = results.findIndex((r) => r.status === "fulfilled");
    const lost = results.findIndex((r) => r.status === "rejected");
    expect(won).not.toBe(-1);
    expect(lost).not.toBe(-1);
    const refusal = (results[lost] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "CONFLICT" });

    const winnerText = won === 0 ? "Tab A wrote this." : "Tab B wrote this.";
    const stored = await storedPost(post.id);
    expect(stored).toMatchObject({ version: post.version + 1, html: `<p>${winnerText}</p>` });
    expect(stored?.document).toEqual(docWithText(winnerText));
  });

  it("refuses a save based on a version someone else already replaced", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Draft", document: docWithText("One.") });
    await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Draft", document: docWithText("Two.") });

    const error = await caught(
      savePost(ctx, { id: post.id, baseVersion: post.version, title: "Draft", document: docWithText("Stale.") }),
    );
    const publishError = await caught(publishPost(ctx, { id: post.id, baseVersion: post.version }));

    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(publishError).toMatchObject({ code: "CONFLICT" });
    expect(await storedPost(post.id)).toMatchObject({ status: "draft", html: "<p>Two.</p>", version: 2 });
  });

  it.each(hostileDocuments)("refuses %s on save and stores nothing", async (_name, document) => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Safe", document: docWithText("Safe text.") });

    const error = await caught(savePost(asCreator(creator), { id: post.id, baseVersion: post.version, title: "Changed", document }));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "document" });
    expect(await storedPost(post.id)).toMatchObject({
      title: "Safe",
      version: post.version,
      html: "<p>Safe text.</p>",
      document: docWithText("Safe text."),
    });
  });

  it.each(hostileDocuments)("refuses %s on create and creates no post", async (_name, document) => {
    const creator = await createCreator(testDb());
    const ctx = asCreator(creator);

    const error = await caught(createDraft(ctx, { title: "Hostile", document }));

    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "document" });
    expect((await listLibrary(ctx, {})).items).toEqual([]);
  });

  it("reports someone else's post as missing, for reading and for writing", async () => {
    const db = testDb();
    const owner = await createCreator(db);
    const other = await createCreator(db);
    const post = await createPost(db, { creator: owner, title: "Mine", document: docWithText("Private draft.") });
    const ctx = asCreator(other);

    const saveError = await caught(savePost(ctx, { id: post.id, baseVersion: post.version, title: "Theirs", document: docWithText("x") }));
    const publishError = await caught(publishPost(ctx, { id: post.id, baseVersion: post.version }));

    expect(saveError).toMatchObject({ code: "NOT_FOUND" });
    expect(publishError).toMatchObject({ code: "NOT_FOUND" });
    expect(await storedPost(post.id)).toMatchObject({ title: "Mine", status: "draft", version: post.version });
  });
});

describe("reading a post", () => {
  it("keeps a draft invisible to anonymous visitors and to other signed-in people, but not to its creator", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const stranger = await createUser(db);
    const otherCreator = await createCreator(db);
    const secret = canary();
    const draft = await createPost(db, { creator, title: "Not yet", document: docWithText(secret) });

    expect(await getReadablePost(serviceContext(), creator.handle, draft.slug)).toBeNull();
    expect(await getReadablePost(serviceContext({ viewer: stranger }), creator.handle, draft.slug)).toBeNull();
    expect(await getReadablePost(serviceContext({ viewer: otherCreator.user }), creator.handle, draft.slug)).toBeNull();

    const own = await getReadablePost(asCreator(creator), creator.handle, draft.slug);
    expect(own).toMatchObject({ id: draft.id, status: "draft", excerpt: secret, html: `<p>${secret}</p>` });
  });

  it("shows a published public post in full to anonymous visitors", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, {
      creator,
      title: "Open letter",
      document: docWithText("Everyone may read this."),
      publish: true,
    });

    const read = await getReadablePost(serviceContext(), creator.handle.toUpperCase(), post.slug);

    expect(read).toMatchObject({
      id: post.id,
      title: "Open letter",
      status: "published",
      access: "public",
      excerpt: "Everyone may read this.",
      html: "<p>Everyone may read this.</p>",
      creator: { id: creator.id, handle: creator.handle, displayName: creator.displayName },
    });
  });

  it("answers null for a handle or slug that does not exist", async () => {
    const creator = await createCreator(testDb());
    expect(await getReadablePost(serviceContext(), creator.handle, "no-such-post")).toBeNull();
    expect(await getReadablePost(serviceContext(), `nobody-${randomUUID().slice(0, 8)}`, "no-such-post")).toBeNull();
  });

  it("never lets the body of a paid post reach anyone but its creator", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const stranger = await createUser(db);
    const otherCreator = await createCreator(db);
    const secret = canary();
    const post = await createPost(db, {
      creator,
      title: "Members only",
      document: docWithText(`The secret is ${secret}.`, secret),
      access: "paid",
      publish: true,
    });

    for (const viewer of [null, stranger, otherCreator.user]) {
      const read = await getReadablePost(serviceContext({ viewer }), creator.handle, post.slug);
      expect(read).toMatchObject({ id: post.id, title: "Members only", access: "paid", html: null, excerpt: "" });
      expect(JSON.stringify(read)).not.toContain(secret);
    }

    const own = await getReadablePost(asCreator(creator), creator.handle, post.slug);
    expect(own?.html).toContain(secret);
  });
});

describe("listing published posts", () => {
  async function creatorWithMixedPosts() {
    const db = testDb();
    const creator = await createCreator(db);
    const secrets = { draft: canary(), paid: canary(), members: canary() };
    const open = await createPost(db, { creator, title: "Open", document: docWithText("Open to all."), publish: true });
    const paid = await createPost(db, {
      creator,
      title: "Paid",
      document: docWithText(secrets.paid),
      access: "paid",
      publish: true,
    });
    const members = await createPost(db, {
      creator,
      title: "Members",
      document: docWithText(secrets.members),
      access: "members",
      publish: true,
    });
    const draft = await createPost(db, { creator, title: "Draft", document: docWithText(secrets.draft) });
    return { creator, open, paid, members, draft, secrets: Object.values(secrets) };
  }

  it("shows a creator's published posts without drafts, and gated ones without their text", async () => {
    const { creator, open, paid, members, draft, secrets } = await creatorWithMixedPosts();
    const stranger = await createUser(testDb());

    for (const viewer of [null, stranger]) {
      const cards = await listPublishedPosts(serviceContext({ viewer }), creator.id);

      expect(cards.map((c) => c.id).sort()).toEqual([open.id, paid.id, members.id].sort());
      expect(cards.map((c) => c.id)).not.toContain(draft.id);
      expect(cards.find((c) => c.id === open.id)).toMatchObject({ excerpt: "Open to all.", locked: false });
      expect(cards.find((c) => c.id === paid.id)).toMatchObject({ excerpt: "", locked: true });
      expect(cards.find((c) => c.id === members.id)).toMatchObject({ excerpt: "", locked: true });
      const json = JSON.stringify(cards);
      for (const secret of secrets) expect(json).not.toContain(secret);
    }
  });

  it("keeps drafts and gated text out of the recent posts across creators", async () => {
    const { creator, open, paid, members, draft, secrets } = await creatorWithMixedPosts();

    const recent = await listRecentPublished(serviceContext(), 200);

    const ours = recent.filter((p) => p.creatorId === creator.id);
    expect(ours.map((p) => p.id).sort()).toEqual([open.id, paid.id, members.id].sort());
    expect(recent.map((p) => p.id)).not.toContain(draft.id);
    expect(recent.every((p) => p.status === "published")).toBe(true);
    expect(ours.filter((p) => p.access !== "public").every((p) => p.locked && p.excerpt === "")).toBe(true);
    const json = JSON.stringify(recent);
    for (const secret of secrets) expect(json).not.toContain(secret);
  });
});
