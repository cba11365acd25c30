import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { postRevisions, posts, postTags, tags } from "@/db/schema";
import { AppErrorCode } from "@/lib/errors";
import { createCreator, createPost } from "@/server/testing/factories";
import { serviceContext, testDb } from "@/test/db";
import { caught, TECHNICAL_DETAIL } from "@/test/errors";
import { getReadablePost } from "./reads";
import {
  archivePost,
  archivePosts,
  duplicatePostAsDraft,
  publishDueScheduledPosts,
  publishScheduledPost,
  purgeExpiredTrash,
  restorePostFromTrash,
  schedulePost,
  trashPost,
  trashPosts,
  unarchivePost,
  unpublishPost,
  unschedulePost,
} from "./lifecycle";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function setup() {
  const db = testDb();
  const creator = await createCreator(db);
  const as = (now = new Date()) => serviceContext({ viewer: creator.user, now });
  return { db, creator, as };
}

async function row(id: string) {
  return (await testDb().query.posts.findFirst({ where: eq(posts.id, id) }))!;
}

async function publishRevisions(id: string) {
  return testDb()
    .select()
    .from(postRevisions)
    .where(and(eq(postRevisions.postId, id), eq(postRevisions.reason, "publish")));
}

function expectAppError(error: unknown, code: string, words?: RegExp) {
  expect(error).toMatchObject({ code });
  const message = (error as Error).message;
  expect(message).not.toMatch(TECHNICAL_DETAIL);
  if (words) expect(message).toMatch(words);
}

describe("scheduling", () => {
  it("schedules a draft at a future instant and publishes it when due, keeping that date", async () => {
    const { creator, as } = await setup();
    const draft = await createPost(testDb(), { creator, title: "Out on Friday" });
    const now = new Date();
    const at = new Date(now.getTime() + 2 * HOUR);

    const scheduled = await schedulePost(as(now), { id: draft.id, baseVersion: draft.version, at });
    expect(scheduled).toMatchObject({ status: "scheduled", scheduledAt: at, version: draft.version + 1 });
    // Not yet due: the publisher leaves it alone, and readers cannot see it.
    expect(await publishScheduledPost(testDb(), draft.id, new Date(at.getTime() - 1000))).toBeNull();
    expect(await getReadablePost(serviceContext(), creator.handle, draft.slug)).toBeNull();

    const published = await publishScheduledPost(testDb(), draft.id, new Date(at.getTime() + 1000));
    expect(published).toMatchObject({ status: "published", publishedAt: at, scheduledAt: null });
    expect(await getReadablePost(serviceContext(), creator.handle, draft.slug)).toMatchObject({ title: "Out on Friday" });
    expect(await publishRevisions(draft.id)).toHaveLength(1);
  });

  it("refuses a time in the past, a mistyped far-future year, and an untitled post, next to the field", async () => {
    const { creator, as } = await setup();
    const draft = await createPost(testDb(), { creator });
    const now = new Date();

    const past = await caught(schedulePost(as(now), { id: draft.id, at: new Date(now.getTime() - 60_000) }));
    expectAppError(past, AppErrorCode.INVALID_INPUT, /future/);
    expect(past).toMatchObject({ field: "at" });

    const farAway = await caught(schedulePost(as(now), { id: draft.id, at: new Date(now.getTime() + 900 * DAY) }));
    expectAppError(farAway, AppErrorCode.INVALID_INPUT, /two years/);

    const untitled = await createPost(testDb(), { creator, title: "" });
    const noTitle = await caught(schedulePost(as(now), { id: untitled.id, at: new Date(now.getTime() + HOUR) }));
    expectAppError(noTitle, AppErrorCode.INVALID_INPUT, /title/);
    expect(noTitle).toMatchObject({ field: "title" });
    expect((await row(draft.id)).status).toBe("draft");
  });

  it("reschedules, and unschedules back to a draft that then never goes out", async () => {
    const { creator, as } = await setup();
    const draft = await createPost(testDb(), { creator, title: "Maybe later" });
    const now = new Date();
    await schedulePost(as(now), { id: draft.id, at: new Date(now.getTime() + HOUR) });
    const later = new Date(now.getTime() + 5 * HOUR);
    expect(await schedulePost(as(now), { id: draft.id, at: later })).toMatchObject({ scheduledAt: later });

    const unscheduled = await unschedulePost(as(now), { id: draft.id });
    expect(unscheduled).toMatchObject({ status: "draft", scheduledAt: null });
    expect(await publishScheduledPost(testDb(), draft.id, new Date(now.getTime() + 6 * HOUR))).toBeNull();
    expect((await row(draft.id)).status).toBe("draft");

    const again = await caught(unschedulePost(as(now), { id: draft.id }));
    expectAppError(again, AppErrorCode.INVALID_INPUT, /not scheduled/);
  });

  it("will not schedule a published post, and says how to", async () => {
    const { creator, as } = await setup();
    const post = await createPost(testDb(), { creator, publish: true });
    const error = await caught(schedulePost(as(), { id: post.id, at: new Date(Date.now() + HOUR) }));
    expectAppError(error, AppErrorCode.INVALID_INPUT, /already published/);
  });

  it("publishes overdue posts in one sweep, and only those", async () => {
    const { creator, as } = await setup();
    const now = new Date();
    const a = await createPost(testDb(), { creator, title: "Overdue A" });
    const b = await createPost(testDb(), { creator, title: "Overdue B" });
    const c = await createPost(testDb(), { creator, title: "Still waiting" });
    for (const post of [a, b]) await schedulePost(as(now), { id: post.id, at: new Date(now.getTime() + 60_000) });
    await schedulePost(as(now), { id: c.id, at: new Date(now.getTime() + DAY) });

    // As if the server had been down for an hour.
    const published = await publishDueScheduledPosts(testDb(), new Date(now.getTime() + HOUR));
    expect(published).toBeGreaterThanOrEqual(2);
    expect((await row(a.id)).status).toBe("published");
    expect((await row(b.id)).status).toBe("published");
    expect((await row(c.id)).status).toBe("scheduled");
  });
});

describe("optimistic concurrency and ownership", () => {
  it("refuses a change based on an old version and bumps the version on every change", async () => {
    const { creator, as } = await setup();
    const post = await createPost(testDb(), { creator, publish: true });
    const stale = await caught(unpublishPost(as(), { id: post.id, baseVersion: post.version - 1 }));
    expectAppError(stale, AppErrorCode.CONFLICT, /changed somewhere else/);

    const unpublished = await unpublishPost(as(), { id: post.id, baseVersion: post.version });
    expect(unpublished.version).toBe(post.version + 1);
  });

  it("treats another creator's post as missing, for every action", async () => {
    const { creator } = await setup();
    const post = await createPost(testDb(), { creator, publish: true });
    const other = await createCreator(testDb());
    const asOther = serviceContext({ viewer: other.user });
    const attempts = [
      () => schedulePost(asOther, { id: post.id, at: new Date(Date.now() + HOUR) }),
      () => unpublishPost(asOther, { id: post.id }),
      () => archivePost(asOther, { id: post.id }),
      () => trashPost(asOther, { id: post.id }),
      () => duplicatePostAsDraft(asOther, { id: post.id }),
      () => archivePosts(asOther, [post.id]),
      () => trashPosts(asOther, [post.id]),
    ];
    for (const attempt of attempts) expectAppError(await caught(attempt()), AppErrorCode.NOT_FOUND);
    expect(await row(post.id)).toMatchObject({ status: "published", deletedAt: null, version: post.version });

    const anonymous = await caught(archivePost(serviceContext(), { id: post.id }));
    expectAppError(anonymous, AppErrorCode.UNAUTHENTICATED);
  });
});

describe("unpublish and archive", () => {
  it("unpublishing hides the post and keeps its date and address for a later publish", async () => {
    const { creator, as } = await setup();
    const post = await createPost(testDb(), { creator, title: "Second thoughts", publish: true });
    const unpublished = await unpublishPost(as(), { id: post.id });
    expect(unpublished).toMatchObject({ status: "draft", publishedAt: post.publishedAt });
    expect(await getReadablePost(serviceContext(), creator.handle, post.slug)).toBeNull();
  });

  it("archiving hides a post and cancels its schedule; unarchiving returns it to the drafts", async () => {
    const { creator, as } = await setup();
    const published = await createPost(testDb(), { creator, publish: true });
    expect(await archivePost(as(), { id: published.id })).toMatchObject({ status: "archived" });
    expect(await getReadablePost(serviceContext(), creator.handle, published.slug)).toBeNull();
    expectAppError(await caught(archivePost(as(), { id: published.id })), AppErrorCode.INVALID_INPUT, /already archived/);
    expect(await unarchivePost(as(), { id: published.id })).toMatchObject({ status: "draft" });

    const now = new Date();
    const scheduled = await createPost(testDb(), { creator, title: "Cancelled" });
    await schedulePost(as(now), { id: scheduled.id, at: new Date(now.getTime() + 60_000) });
    expect(await archivePost(as(now), { id: scheduled.id })).toMatchObject({ status: "archived", scheduledAt: null });
    await publishDueScheduledPosts(testDb(), new Date(now.getTime() + HOUR));
    expect((await row(scheduled.id)).status).toBe("archived");
  });
});

describe("trash", () => {
  it("hides a trashed post, restores it as it was within 30 days, and refuses after", async () => {
    const { creator, as } = await setup();
    const post = await createPost(testDb(), { creator, publish: true });
    const now = new Date();
    expect(await trashPost(as(now), { id: post.id })).toMatchObject({ status: "published", deletedAt: now });
    expect(await getReadablePost(serviceContext(), creator.handle, post.slug)).toBeNull();
    // Actions on live posts do not find it any more.
    expectAppError(await caught(archivePost(as(now), { id: post.id })), AppErrorCode.NOT_FOUND);

    const restored = await restorePostFromTrash(as(new Date(now.getTime() + 29 * DAY)), { id: post.id });
    expect(restored).toMatchObject({ status: "published", deletedAt: null });
    expect(await getReadablePost(serviceContext(), creator.handle, post.slug)).not.toBeNull();

    await trashPost(as(now), { id: post.id });
    const late = await caught(restorePostFromTrash(as(new Date(now.getTime() + 31 * DAY)), { id: post.id }));
    expectAppError(late, AppErrorCode.NOT_FOUND, /more than 30 days ago/);
  });

  it("a scheduled post in the trash does not go out, and comes back as a draft if its time passed", async () => {
    const { creator, as } = await setup();
    const now = new Date();
    const post = await createPost(testDb(), { creator, title: "Trashed while scheduled" });
    await schedulePost(as(now), { id: post.id, at: new Date(now.getTime() + 60_000) });
    await trashPost(as(now), { id: post.id });

    expect(await publishScheduledPost(testDb(), post.id, new Date(now.getTime() + HOUR))).toBeNull();
    const restored = await restorePostFromTrash(as(new Date(now.getTime() + HOUR)), { id: post.id });
    expect(restored).toMatchObject({ status: "draft", scheduledAt: null });
    expect(await publishRevisions(post.id)).toHaveLength(0);
  });

  it("purges posts that spent more than 30 days in the trash, and nothing else", async () => {
    const { creator, as } = await setup();
    const now = new Date();
    const old = await createPost(testDb(), { creator });
    const recent = await createPost(testDb(), { creator });
    const kept = await createPost(testDb(), { creator });
    await trashPost(as(new Date(now.getTime() - 31 * DAY)), { id: old.id });
    await trashPost(as(new Date(now.getTime() - 29 * DAY)), { id: recent.id });

    expect(await purgeExpiredTrash(testDb(), now)).toBeGreaterThanOrEqual(1);
    expect(await testDb().query.posts.findFirst({ where: eq(posts.id, old.id) })).toBeUndefined();
    expect((await row(recent.id)).deletedAt).not.toBeNull();
    expect((await row(kept.id)).deletedAt).toBeNull();
  });
});

describe("duplicate as draft", () => {
  it("makes a new private draft with the same content and tags, at its own address", async () => {
    const { creator, as } = await setup();
    const post = await createPost(testDb(), { creator, title: "Original", publish: true });
    const [tag] = await testDb().insert(tags).values({ creatorId: creator.id, name: "Essays", slug: "essays" }).returning();
    await testDb().insert(postTags).values({ postId: post.id, tagId: tag!.id });

    const copy = await duplicatePostAsDraft(as(), { id: post.id });
    expect(copy).toMatchObject({ status: "draft", title: "Original (copy)", publishedAt: null, scheduledAt: null });
    expect(copy.id).not.toBe(post.id);
    expect(copy.slug).not.toBe(post.slug);
    const copied = await row(copy.id);
    expect(copied.document).toEqual(post.document);
    expect(copied.html).toBe(post.html);
    expect(await testDb().select().from(postTags).where(eq(postTags.postId, copy.id))).toEqual([{ postId: copy.id, tagId: tag!.id }]);
    expect(await getReadablePost(serviceContext(), creator.handle, copy.slug)).toBeNull();

    const second = await duplicatePostAsDraft(as(), { id: post.id });
    expect(second.slug).not.toBe(copy.slug);
  });
});

describe("bulk archive and trash", () => {
  it("acts on all selected posts or none, skipping those already there", async () => {
    const { creator, as } = await setup();
    const a = await createPost(testDb(), { creator, publish: true });
    const b = await createPost(testDb(), { creator });
    await archivePost(as(), { id: b.id });
    expect(await archivePosts(as(), [a.id, b.id])).toEqual({ changed: 1, unchanged: 1 });
    expect((await row(a.id)).status).toBe("archived");

    const foreign = await createPost(testDb(), { creator: await createCreator(testDb()) });
    const mixed = await caught(trashPosts(as(), [a.id, foreign.id]));
    expectAppError(mixed, AppErrorCode.NOT_FOUND, /no longer exist/);
    expect((await row(a.id)).deletedAt).toBeNull();

    expect(await trashPosts(as(), [a.id, b.id])).toEqual({ changed: 2, unchanged: 0 });
  });
});
