// Comments and likes on the real database. Canaries first: a gated post's comments never reach a
// viewer the policy gives the teaser, however they ask; then threads, edits with history, who may
// delete and pin, sorts and pages, likes that count once, and the limits on writing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { docWithPaywall } from "../../testing/documents";
import { createCreator, createMembership, createPost, createTier, createUser, type TestUser } from "../../testing/factories";
import { listPublishedPosts } from "../posts/reads";
import { setDefaultCommentAccess } from "../posts/access-settings";
import { updatePostSettings } from "../posts/settings";
import {
  addComment,
  commentHistory,
  COMMENT_RATE,
  deleteComment,
  editComment,
  likeComment,
  likePost,
  listComments,
  pinComment,
} from "./comments";

const as = (viewer: { id: string } | null, now = new Date()) => serviceContext({ viewer, now });

function canary(): string {
  return `canary${randomUUID().replaceAll("-", "")}`;
}

/** A creator with a free tier, a members-only post, a member and a fan who is not a member. */
async function membersPost() {
  const db = testDb();
  const creator = await createCreator(db);
  const tier = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
  const post = await createPost(db, { creator, document: docWithPaywall("Open.", "Closed."), access: "members", publish: true });
  const member = (await createMembership(db, { tier })).user as TestUser;
  const outsider = await createUser(db);
  return { creator, post, member, outsider };
}

describe("who reads and writes comments", () => {
  it("gives a viewer of the teaser the count, never a word, on every path", async () => {
    const { post, member, outsider } = await membersPost();
    const secret = canary();
    const first = await addComment(as(member), { postId: post.id, body: `Only members know ${secret}` });
    await addComment(as(member), { postId: post.id, parentId: first.id, body: `And the reply ${secret}` });

    for (const viewer of [outsider, null]) {
      const seen = await listComments(as(viewer), { postId: post.id });
      expect(seen).toMatchObject({ access: "count", count: 2, comments: [] });
      expect(JSON.stringify(seen)).not.toContain(secret);
      expect(await caught(likeComment(as(outsider), { commentId: first.id, liked: true }))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await caught(addComment(as(outsider), { postId: post.id, body: "Let me in" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await caught(addComment(as(outsider), { postId: post.id, parentId: first.id, body: "Let me in" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await caught(commentHistory(as(outsider), { commentId: first.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await caught(likePost(as(outsider), { postId: post.id, liked: true }))).toMatchObject({ code: "FORBIDDEN" });

    const read = await listComments(as(member), { postId: post.id });
    expect(read).toMatchObject({ access: "full", count: 2, cannotWrite: null });
    expect(JSON.stringify(read)).toContain(secret);
  });

  it("has no comments at all on a post that looks missing", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const draft = await createPost(db, { creator });
    const fan = await createUser(db);
    expect(await caught(listComments(as(fan), { postId: draft.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await caught(addComment(as(fan), { postId: draft.id, body: "First!" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets anyone read a public post's comments, signed-in readers write, and nobody when the creator turned them off", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, publish: true });
    const fan = await createUser(db);
    await addComment(as(fan), { postId: post.id, body: "Lovely." });
    expect(await listComments(as(null), { postId: post.id })).toMatchObject({ access: "full", count: 1, cannotWrite: "Sign in to join the conversation." });
    expect(await caught(addComment(as(null), { postId: post.id, body: "Anonymous" }))).toMatchObject({ code: "UNAUTHENTICATED" });

    await updatePostSettings(serviceContext({ viewer: creator.user }), { id: post.id, commentAccess: "off" });
    expect(await listComments(as(fan), { postId: post.id })).toMatchObject({ cannotWrite: "Comments are off for this post." });
    expect(await caught(addComment(as(fan), { postId: post.id, body: "Still here?" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets only paid members (and the creator) write where the creator chose paid members, and new posts start with the creator's choice", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
    const paid = await createTier(db, { creator, name: "Patrons", monthlyPrice: 700 });
    await setDefaultCommentAccess(serviceContext({ viewer: creator.user }), { commentAccess: "paid" });
    // The factory hands the creator's row to the editor as it is: read it again, default included.
    const current = { ...creator, ...(await db.query.creators.findFirst({ where: (c, { eq }) => eq(c.id, creator.id) }))! };
    const post = await createPost(db, { creator: current, document: docWithPaywall("Open.", "Closed."), access: "members", publish: true });
    expect(post.commentAccess).toBe("paid");
    const freeMember = (await createMembership(db, { tier: free })).user as TestUser;
    const patron = (await createMembership(db, { tier: paid })).user as TestUser;

    // The free member reads it all, comments included, but may not write.
    expect(await listComments(as(freeMember), { postId: post.id })).toMatchObject({ access: "full", cannotWrite: "Comments on this post are for paid members." });
    expect(await caught(addComment(as(freeMember), { postId: post.id, body: "Free words" }))).toMatchObject({ code: "FORBIDDEN" });
    await addComment(as(patron), { postId: post.id, body: "Paid words" });
    await addComment(as(creator.user), { postId: post.id, body: "The creator's words" });
    expect((await listComments(as(freeMember), { postId: post.id })).count).toBe(2);
  });

  it("refuses an empty or overlong comment with words for the box, and a flood", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, publish: true });
    const fan = await createUser(db);
    // The procedures answer a refused input with 400 and these words for the box (server/trpc/init.ts).
    const empty = await caught(addComment(as(fan), { postId: post.id, body: "   " }));
    expect(empty).toBeInstanceOf(ZodError);
    expect((empty as ZodError).issues[0]?.message).toBe("Write something before you post.");
    const long = await caught(addComment(as(fan), { postId: post.id, body: "x".repeat(5001) }));
    expect((long as ZodError).issues[0]?.message).toBe("Keep a comment under 5,000 characters.");
    const now = new Date();
    for (let i = 0; i < COMMENT_RATE.limit; i++) await addComment(as(fan, now), { postId: post.id, body: `Comment ${i}` });
    expect(await caught(addComment(as(fan, now), { postId: post.id, body: "One too many" }))).toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("threads, edits and the creator's tools", () => {
  it("nests replies three levels deep; a reply to the deepest joins its thread", async () => {
    const { post, member, creator } = await membersPost();
    const top = await addComment(as(member), { postId: post.id, body: "Level one" });
    const second = await addComment(as(creator.user), { postId: post.id, parentId: top.id, body: "Level two" });
    const third = await addComment(as(member), { postId: post.id, parentId: second.id, body: "Level three" });
    const fourth = await addComment(as(member), { postId: post.id, parentId: third.id, body: "Would be four" });
    expect([top.depth, second.depth, third.depth, fourth.depth]).toEqual([0, 1, 2, 2]);
    expect(fourth.parentId).toBe(second.id);
    const [thread] = (await listComments(as(member), { postId: post.id })).comments;
    expect(thread!.replies[0]).toMatchObject({ body: "Level two", byCreator: true, authorName: creator.displayName });
    expect(thread!.replies[0]!.replies.map((reply) => reply.body)).toEqual(["Level three", "Would be four"]);
  });

  it("keeps an edited comment's history; only its author edits, its author or the creator deletes", async () => {
    const { post, member, outsider, creator } = await membersPost();
    const other = (await createMembership(testDb(), { tier: (await createTier(testDb(), { creator, name: "More", monthlyPrice: 0 })) })).user;
    const comment = await addComment(as(member), { postId: post.id, body: "First words" });
    const edited = await editComment(as(member), { commentId: comment.id, body: "Better words" });
    expect(edited).toMatchObject({ body: "Better words", editedAt: expect.any(Date) });
    expect((await commentHistory(as(member), { commentId: comment.id })).map((entry) => entry.body)).toEqual(["First words"]);
    expect((await commentHistory(as(creator.user), { commentId: comment.id })).map((entry) => entry.body)).toEqual(["First words"]);

    expect(await caught(editComment(as(other), { commentId: comment.id, body: "Hijacked" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await caught(deleteComment(as(other), { commentId: comment.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await caught(editComment(as(outsider), { commentId: comment.id, body: "Hijacked" }))).toMatchObject({ code: "NOT_FOUND" });

    await deleteComment(as(creator.user), { commentId: comment.id });
    const after = await listComments(as(member), { postId: post.id });
    expect(after.count).toBe(0);
    expect(after.comments[0]).toMatchObject({ body: null, authorName: "Deleted comment", mine: false });
    expect(JSON.stringify(after)).not.toContain("Better words");
    expect(await caught(editComment(as(member), { commentId: comment.id, body: "Back again" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets only the creator pin, and shows pinned comments first", async () => {
    const { post, member, creator } = await membersPost();
    const early = await addComment(as(member, new Date(Date.now() - 60_000)), { postId: post.id, body: "Early" });
    await addComment(as(member), { postId: post.id, body: "Late" });
    expect(await caught(pinComment(as(member), { commentId: early.id, pinned: true }))).toMatchObject({ code: "FORBIDDEN" });
    await pinComment(as(creator.user), { commentId: early.id, pinned: true });
    const page = await listComments(as(member), { postId: post.id, sort: "newest" });
    expect(page.comments.map((c) => [c.body, c.pinned])).toEqual([
      ["Early", true],
      ["Late", false],
    ]);
  });

  it("sorts newest, oldest and top, and pages without repeating or missing a comment", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, publish: true });
    const fans = await Promise.all([1, 2, 3].map(() => createUser(db)));
    const start = Date.now() - 3_600_000;
    const made = [];
    for (let n = 0; n < 5; n++) made.push(await addComment(as(fans[n % 3]!, new Date(start + n * 1000)), { postId: post.id, body: `C${n}` }));
    for (const fan of fans) await likeComment(as(fan), { commentId: made[2]!.id, liked: true });
    await likeComment(as(fans[0]!), { commentId: made[4]!.id, liked: true });

    const walk = async (sort: "newest" | "oldest" | "top") => {
      const bodies: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await listComments(as(null), { postId: post.id, sort, limit: 2, cursor });
        bodies.push(...page.comments.map((c) => c.body!));
        cursor = page.nextCursor;
      } while (cursor);
      return bodies;
    };
    expect(await walk("newest")).toEqual(["C4", "C3", "C2", "C1", "C0"]);
    expect(await walk("oldest")).toEqual(["C0", "C1", "C2", "C3", "C4"]);
    expect((await walk("top")).slice(0, 2)).toEqual(["C2", "C4"]);
    expect(await caught(listComments(as(null), { postId: post.id, cursor: "not-a-cursor" }))).toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("likes", () => {
  it("count one per person on a comment and on a post, however often and however concurrently they click", async () => {
    const { post, member } = await membersPost();
    const comment = await addComment(as(member), { postId: post.id, body: "Like me" });
    await Promise.all(Array.from({ length: 6 }, () => likeComment(as(member), { commentId: comment.id, liked: true })));
    await Promise.all(Array.from({ length: 6 }, () => likePost(as(member), { postId: post.id, liked: true })));
    const page = await listComments(as(member), { postId: post.id });
    expect(page.comments[0]).toMatchObject({ likes: 1, likedByViewer: true });
    expect(page.post).toEqual({ likes: 1, likedByViewer: true });
    expect(await likePost(as(member), { postId: post.id, liked: false })).toEqual({ liked: false, likes: 0 });
    expect(await caught(likePost(as(null), { postId: post.id, liked: true }))).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("are counted, with the comments, on the cards that list the post", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, publish: true });
    const fans = await Promise.all([1, 2].map(() => createUser(db)));
    for (const fan of fans) await likePost(as(fan), { postId: post.id, liked: true });
    const kept = await addComment(as(fans[0]!), { postId: post.id, body: "Kept" });
    const gone = await addComment(as(fans[1]!), { postId: post.id, body: "Gone" });
    await deleteComment(as(fans[1]!), { commentId: gone.id });
    const [card] = await listPublishedPosts(as(null), creator.id);
    expect(card).toMatchObject({ id: post.id, likes: 2, comments: 1 });
    expect(kept.body).toBe("Kept");
  });
});
