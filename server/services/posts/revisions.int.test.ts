// Never losing a word: stale saves, pending changes of published posts, and the revision history.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { postRevisions, posts } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, createPost, docWithText, type TestCreator } from "../../testing/factories";
import { getReadablePost } from "./reads";
import { discardPendingChanges, getPostForEditor, publishPendingChanges, publishPost, savePost } from "./editing";
import { getRevision, listRevisions, restoreRevision } from "./revisions";

const MINUTE = 60_000;

function asCreator(creator: TestCreator, now = new Date()) {
  return serviceContext({ viewer: creator.user, now });
}

async function stored(id: string) {
  return (await testDb().query.posts.findFirst({ where: eq(posts.id, id) }))!;
}

/** Every text the post ever held that the history can give back. */
async function keptTexts(postId: string) {
  const rows = await testDb().select().from(postRevisions).where(eq(postRevisions.postId, postId));
  return rows.map((row) => row.document);
}

describe("two saves from the same version", () => {
  it("lets one win, refuses the other, and keeps both texts when the loser keeps theirs", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Shared", document: docWithText("Original.") });
    const texts = [docWithText("Tab A wrote this."), docWithText("Tab B wrote this.")];

    const results = await Promise.allSettled(
      texts.map((document) => savePost(ctx, { id: post.id, baseVersion: post.version, title: "Shared", document })),
    );

    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.findIndex((r) => r.status === "rejected");
    expect((results[loser] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const winnerText = texts[1 - loser]!;
    const loserText = texts[loser]!;
    expect((await stored(post.id)).document).toEqual(winnerText);

    // "Keep mine": the loser saves on top of the current version; the winner's text stays in the history.
    const current = await getPostForEditor(ctx, post.id);
    const kept = await savePost(ctx, {
      id: post.id,
      baseVersion: current.version,
      title: "Shared",
      document: loserText,
      replacesConflict: true,
    });
    expect(kept.version).toBe(current.version + 1);
    expect((await stored(post.id)).document).toEqual(loserText);
    const history = await keptTexts(post.id);
    expect(history).toContainEqual(winnerText);
    expect(history).toContainEqual(loserText);
  });
});

describe("a published post's edits", () => {
  it("wait as pending changes until Update, then go live with a revision", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Live", document: docWithText("Live text."), publish: true });

    const saved = await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Live, revised", document: docWithText("Edited text.") });

    expect(saved.hasPendingChanges).toBe(true);
    expect(await stored(post.id)).toMatchObject({
      title: "Live",
      html: "<p>Live text.</p>",
      plainText: "Live text.",
      pendingTitle: "Live, revised",
      pendingDocument: docWithText("Edited text."),
    });
    expect(await getReadablePost(serviceContext(), creator.handle, post.slug)).toMatchObject({ title: "Live", html: "<p>Live text.</p>" });
    expect(await getPostForEditor(ctx, post.id)).toMatchObject({
      draftTitle: "Live, revised",
      draftDocument: docWithText("Edited text."),
      hasPendingChanges: true,
    });

    const updated = await publishPendingChanges(ctx, { id: post.id, baseVersion: saved.version });

    expect(updated).toMatchObject({ title: "Live, revised", html: "<p>Edited text.</p>", plainText: "Edited text.", pendingTitle: null, hasPendingChanges: false });
    expect(await getReadablePost(serviceContext(), creator.handle, post.slug)).toMatchObject({ title: "Live, revised", html: "<p>Edited text.</p>" });
    const revisions = await listRevisions(ctx, { id: post.id });
    // The autosave came within ten minutes of the publish, so it left no revision of its own.
    expect(revisions.map((r) => r.reason)).toEqual(["update", "publish"]);
  });

  it("stop being pending when edited back to the live text", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Live", document: docWithText("Live text."), publish: true });

    const edited = await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Live", document: docWithText("Typo") });
    const back = await savePost(ctx, { id: post.id, baseVersion: edited.version, title: "Live", document: docWithText("Live text.") });

    expect(back.hasPendingChanges).toBe(false);
  });

  it("can be discarded, and the discarded text stays in the history", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Live", document: docWithText("Live text."), publish: true });
    const saved = await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Live", document: docWithText("Second thoughts.") });

    const stale = await caught(discardPendingChanges(ctx, { id: post.id, baseVersion: post.version }));
    const discarded = await discardPendingChanges(ctx, { id: post.id, baseVersion: saved.version });

    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect(discarded).toMatchObject({ hasPendingChanges: false, draftDocument: docWithText("Live text."), version: saved.version + 1 });
    expect(await keptTexts(post.id)).toContainEqual(docWithText("Second thoughts."));
  });

  it("cannot be updated for a post that is not published", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Draft" });

    const error = await caught(publishPendingChanges(asCreator(creator), { id: post.id, baseVersion: post.version }));

    expect(error).toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("revisions", () => {
  it("are kept on publish, on every explicit save, and at most every ten minutes of autosaving", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const start = new Date("2026-03-01T10:00:00Z");
    const post = await createPost(db, { creator, title: "Diary", now: start });
    let version = post.version;
    const saveAt = async (minutes: number, text: string, reason?: "manual") => {
      const ctx = asCreator(creator, new Date(start.getTime() + minutes * MINUTE));
      version = (await savePost(ctx, { id: post.id, baseVersion: version, title: "Diary", document: docWithText(text), reason })).version;
    };

    await saveAt(1, "one"); // first autosave: kept
    await saveAt(2, "two"); // within ten minutes: not kept
    await saveAt(5, "three", "manual"); // explicit: kept
    await saveAt(9, "four"); // within ten minutes of the manual save: not kept
    await saveAt(16, "five"); // ten minutes later: kept
    await publishPost(asCreator(creator, new Date(start.getTime() + 17 * MINUTE)), { id: post.id, baseVersion: version });

    const revisions = await listRevisions(asCreator(creator), { id: post.id });
    expect(revisions.map((r) => [r.reason, r.version])).toEqual([
      ["publish", version + 1],
      ["autosave", version],
      ["manual", post.version + 3],
      ["autosave", post.version + 1],
    ]);
    expect(revisions[0]).toMatchObject({ title: "Diary", authorName: creator.user && "name" in creator.user ? creator.user.name : null });
  });

  it("are all kept: at least fifty per post, none pruned", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Many" });
    let version = post.version;
    for (let i = 1; i <= 60; i++) {
      version = (await savePost(ctx, { id: post.id, baseVersion: version, title: "Many", document: docWithText(`Take ${i}`), reason: "manual" })).version;
    }

    const revisions = await listRevisions(ctx, { id: post.id, limit: 500 });

    expect(revisions).toHaveLength(60);
    expect(revisions[0]!.version).toBe(version);
  });

  it("show what changed against the current text", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Harbour" });
    const first = await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Harbour", document: docWithText("Boats in the fog."), reason: "manual" });
    await savePost(ctx, { id: post.id, baseVersion: first.version, title: "Harbour at dawn", document: docWithText("Boats in the sun.") });
    const oldest = (await listRevisions(ctx, { id: post.id })).at(-1)!;

    const detail = await getRevision(ctx, { id: post.id, revisionId: oldest.id });

    expect(detail).toMatchObject({ title: "Harbour", html: "<p>Boats in the fog.</p>", wordCount: 4 });
    expect(detail.changes.title).toEqual({ current: "Harbour at dawn", revision: "Harbour" });
    expect(detail.changes.body).toEqual([
      { kind: "same", text: "Boats in the " },
      { kind: "removed", text: "sun" },
      { kind: "added", text: "fog" },
      // Punctuation is a token of its own, so the full stop both texts share stays unmarked.
      { kind: "same", text: "." },
    ]);
  });

  it("restore as a new draft version and a new revision, destroying nothing", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Essay" });
    const v1 = await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Essay", document: docWithText("First draft."), reason: "manual" });
    // An autosave right after: no revision of its own yet.
    const v2 = await savePost(ctx, { id: post.id, baseVersion: v1.version, title: "Essay", document: docWithText("Unkept words.") });
    const target = (await listRevisions(ctx, { id: post.id })).find((r) => r.version === v1.version)!;

    const stale = await caught(restoreRevision(ctx, { id: post.id, revisionId: target.id, baseVersion: v1.version }));
    expect(stale).toMatchObject({ code: "CONFLICT" });

    const restored = await restoreRevision(ctx, { id: post.id, revisionId: target.id, baseVersion: v2.version });

    expect(restored).toMatchObject({ version: v2.version + 1, title: "Essay", document: docWithText("First draft.") });
    expect(await stored(post.id)).toMatchObject({ document: docWithText("First draft."), html: "<p>First draft.</p>", version: v2.version + 1 });
    const revisions = await listRevisions(ctx, { id: post.id });
    expect(revisions[0]).toMatchObject({ reason: "restore", version: restored.version });
    const history = await keptTexts(post.id);
    expect(history).toContainEqual(docWithText("Unkept words."));
    expect(history).toContainEqual(docWithText("First draft."));
  });

  it("restore into a published post's pending changes, not its live text", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = asCreator(creator);
    const post = await createPost(db, { creator, title: "Live", document: docWithText("Old words."), publish: true });
    const edited = await savePost(ctx, { id: post.id, baseVersion: post.version, title: "Live", document: docWithText("New words."), reason: "manual" });
    const updated = await publishPendingChanges(ctx, { id: post.id, baseVersion: edited.version });
    const original = (await listRevisions(ctx, { id: post.id })).find((r) => r.reason === "publish")!;

    const restored = await restoreRevision(ctx, { id: post.id, revisionId: original.id, baseVersion: updated.version });

    expect(restored.hasPendingChanges).toBe(true);
    expect(await stored(post.id)).toMatchObject({ html: "<p>New words.</p>", pendingDocument: docWithText("Old words.") });
  });

  it("belong to their creator only", async () => {
    const db = testDb();
    const owner = await createCreator(db);
    const other = await createCreator(db);
    const post = await createPost(db, { creator: owner, title: "Mine", publish: true });
    const [revision] = await listRevisions(asCreator(owner), { id: post.id });
    const ctx = asCreator(other);

    for (const attempt of [
      () => listRevisions(ctx, { id: post.id }),
      () => getRevision(ctx, { id: post.id, revisionId: revision!.id }),
      () => restoreRevision(ctx, { id: post.id, revisionId: revision!.id, baseVersion: post.version }),
    ]) {
      expect(await caught(attempt())).toMatchObject({ code: "NOT_FOUND" });
    }
    // A revision id from another post does not restore into this one either.
    const own = await createPost(db, { creator: other, title: "Theirs" });
    expect(await caught(restoreRevision(ctx, { id: own.id, revisionId: revision!.id, baseVersion: own.version }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
