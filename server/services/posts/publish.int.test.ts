// Every publish takes one path: a post that goes out at its scheduled time ends up exactly as one
// published by hand at that moment — the same stored row and HTML, the same revision, the same
// media references and the same email to each member.
import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, postMedia, postNotifications, postRevisions, posts } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { publishScheduledPostHandler } from "../../jobs/scheduled-publish";
import { siteOrigin } from "../../http/site-origin";
import { emailLinkUrl } from "../analytics/email-links";
import { createCreator, createMembership, createPost, createTier, docWithPaywall, type TestCreator } from "../../testing/factories";
import { publishPost, savePost } from "./editing";
import { schedulePost, unpublishPost } from "./lifecycle";
import { deliverPostNotifications } from "./notifications";

const HOUR = 60 * 60 * 1000;

function asCreator(creator: TestCreator, now: Date) {
  return { ...serviceContext({ viewer: creator.user, now }), creator };
}

/** Everything publishing wrote about `postId`, without what differs between any two posts. */
async function published(postId: string) {
  const db = testDb();
  const [row] = await db.select().from(posts).where(eq(posts.id, postId));
  const { id: _id, seq: _seq, slug: _slug, version: _version, createdAt: _createdAt, ...rest } = row!;
  const revisions = await db
    .select({ reason: postRevisions.reason, title: postRevisions.title, document: postRevisions.document, authorId: postRevisions.authorId, createdAt: postRevisions.createdAt })
    .from(postRevisions)
    .where(eq(postRevisions.postId, postId))
    .orderBy(asc(postRevisions.createdAt));
  const media = await db.select({ mediaId: postMedia.mediaId }).from(postMedia).where(eq(postMedia.postId, postId));
  const notification = await db.select({ createdAt: postNotifications.createdAt }).from(postNotifications).where(eq(postNotifications.postId, postId));
  return { row: rest, revisions, media, notification };
}

/** The emails one delivery sent, the post's own address written out of them. */
async function emailsOf(postId: string, slug: string, at: Date, recipients: string[]) {
  const db = testDb();
  const before = new Set((await db.select({ id: mailOutbox.id }).from(mailOutbox).where(inArray(mailOutbox.to, recipients))).map((m) => m.id));
  expect(await deliverPostNotifications(db, postId, at)).toMatchObject({ sent: recipients.length, failed: 0 });
  const sent = await db.select().from(mailOutbox).where(inArray(mailOutbox.to, recipients)).orderBy(asc(mailOutbox.to));
  return sent
    .filter((mail) => !before.has(mail.id))
    .map(({ to, subject, text, html, headers }) => JSON.parse(JSON.stringify({ to, subject, text, html, headers }).replaceAll(`/posts/${slug}`, "/posts/SLUG").replaceAll(`post-${postId}.`, "post-POST.").replaceAll(emailLinkUrl(siteOrigin(), postId), "EMAIL-LINK")));
}

describe("one publish path", () => {
  it("publishes a scheduled post exactly as a manual publish at the same moment: same row, HTML, revision and email", async () => {
    const db = testDb();
    const creator = await createCreator(db, { displayName: "Mara Lindqvist" });
    const free = await createTier(db, { creator, monthlyPrice: 0 });
    const paid = await createTier(db, { creator, monthlyPrice: 500 });
    const reader = (await createMembership(db, { tier: paid })).user as { email: string };
    const teaserOnly = (await createMembership(db, { tier: free })).user as { email: string };
    const recipients = [reader.email, teaserOnly.email];

    const now = new Date();
    const at = new Date(now.getTime() + HOUR);
    const document = docWithPaywall("Above the break, for everyone.", "Below the break, for paying members.");
    const draft = () => createPost(db, { creator, title: "Same words", document, access: "paid", previewText: "Unused: the post has a break.", now });
    const manual = await draft();
    const scheduled = await draft();

    await publishPost(asCreator(creator, at), { id: manual.id, baseVersion: manual.version });
    await schedulePost(asCreator(creator, now), { id: scheduled.id, at });
    // The scheduler's job, woken at the scheduled time.
    await publishScheduledPostHandler({ postId: scheduled.id }, { db, now: at });

    const byHand = await published(manual.id);
    const onTime = await published(scheduled.id);
    expect(byHand.row).toMatchObject({ status: "published", publishedAt: at, teaserHtml: "<p>Above the break, for everyone.</p>" });
    expect(byHand.row.html).toContain("Below the break");
    expect(onTime).toEqual(byHand);

    const manualEmails = await emailsOf(manual.id, manual.slug, at, recipients);
    const scheduledEmails = await emailsOf(scheduled.id, scheduled.slug, at, recipients);
    expect(manualEmails).toHaveLength(2);
    expect(manualEmails.find((mail) => mail.to === reader.email)?.text).toContain("Below the break");
    expect(manualEmails.find((mail) => mail.to === teaserOnly.email)?.text).not.toContain("Below the break");
    expect(scheduledEmails).toEqual(manualEmails);
  });

  it("puts the edits waiting behind Update live on a scheduled republish, as a manual one does", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const first = new Date();
    const later = new Date(first.getTime() + HOUR);
    const at = new Date(first.getTime() + 2 * HOUR);
    const own = (now: Date) => asCreator(creator, now);
    const editedThenUnpublished = async () => {
      const post = await createPost(db, { creator, title: "Before", document: docWithPaywall("Old teaser.", "Old body."), access: "members", publish: true, now: first });
      const edited = await savePost(own(later), { id: post.id, baseVersion: post.version, title: "After", document: docWithPaywall("New teaser.", "New body.") });
      return unpublishPost(own(later), { id: post.id, baseVersion: edited.version });
    };
    const manual = await editedThenUnpublished();
    const scheduled = await editedThenUnpublished();

    await publishPost(own(at), { id: manual.id, baseVersion: manual.version });
    await schedulePost(own(later), { id: scheduled.id, at });
    await publishScheduledPostHandler({ postId: scheduled.id }, { db, now: at });

    const byHand = await published(manual.id);
    expect(byHand.row).toMatchObject({ title: "After", pendingTitle: null, pendingDocument: null, publishedAt: first, teaserHtml: "<p>New teaser.</p>" });
    expect(await published(scheduled.id)).toEqual(byHand);
  });

  it("sends nothing out untitled: a scheduled post whose title was cleared goes back to the drafts", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const now = new Date();
    const at = new Date(now.getTime() + HOUR);
    const post = await createPost(db, { creator, title: "Soon", now });
    const scheduledPost = await schedulePost(asCreator(creator, now), { id: post.id, at });
    await savePost(asCreator(creator, now), { id: post.id, baseVersion: scheduledPost.version, title: "", document: docWithPaywall("Teaser.", "Body.") });

    await publishScheduledPostHandler({ postId: post.id }, { db, now: at });
    const [row] = await db.select().from(posts).where(eq(posts.id, post.id));
    expect(row).toMatchObject({ status: "draft", scheduledAt: null, publishedAt: null });
    expect(await db.select().from(postNotifications).where(eq(postNotifications.postId, post.id))).toEqual([]);
  });
});
