// Member emails on first publish, read back from the mail outbox: each recipient's email holds only
// what the access policy lets them read, one per recipient however often the job runs, none for
// Updates, republishes, opted-out members or lapsed ones, and the unsubscribe link can't be forged.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { emailOptOuts, mailOutbox, media, notificationDeliveries, postNotifications } from "@/db/schema";
import { AppErrorCode } from "@/lib/errors";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { startPgBossRunner } from "../../jobs/pg-boss-runner";
import { notifyPostMembersHandler } from "../../jobs/post-notifications";
import { NOTIFY_POST_MEMBERS } from "../../jobs/queues";
import { publishScheduledPostHandler } from "../../jobs/scheduled-publish";
import type { JobRunner } from "../../jobs/types";
import { createCreator, createMembership, createPost, createTier, createUser, type TestTier, type TestUser } from "../../testing/factories";
import { createCaller } from "../../trpc/root";
import { siteOrigin } from "../../http/site-origin";
import { emailLinkUrl } from "../analytics/email-links";
import { setCreatorEmails, unsubscribeByToken } from "../memberships/email-preferences";
import { schedulePost, unpublishPost } from "./lifecycle";
import { deliverPostNotifications } from "./notifications";
import { updatePostSettings } from "./settings";
import { publishPendingChanges, publishPost } from "./editing";

const runners: JobRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

/** A word that appears nowhere but in one post's gated body. */
const canary = () => `canary-${randomUUID()}`;

/** A creator with a free and two paid tiers, and a member of each plus a lapsed and an unrelated fan. */
async function world() {
  const db = testDb();
  const creator = await createCreator(db, { displayName: "Mara Lindqvist" });
  const own = { ...serviceContext({ viewer: creator.user }), creator };
  const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
  const supporter = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500 });
  const patron = await createTier(db, { creator, name: "Patron", monthlyPrice: 1500 });
  const member = async (tier: TestTier, state?: "lapsed") => {
    const user = await createUser(db);
    await createMembership(db, { tier, user, state });
    return user;
  };
  const [freeMember, supporterMember, patronMember] = [await member(free), await member(supporter), await member(patron)];
  // Its period is over and no job has run yet: it no longer grants membership.
  const lapsed = await member(supporter, "lapsed");
  const stranger = await createUser(db);

  return { creator, own, tiers: { free, supporter, patron }, fans: { freeMember, supporterMember, patronMember, lapsed, stranger } };
}

type World = Awaited<ReturnType<typeof world>>;

/** A draft with a teaser above the paywall break and `secret` below it, gated as asked, not yet published. */
async function gatedDraft(w: World, options: { access: "members" | "paid" | "tiers" | "early_access"; tierIds?: string[]; secret: string; notify?: boolean }) {
  const document = {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "A teaser everyone may read." }] },
      { type: "paywallBreak" },
      { type: "paragraph", content: [{ type: "text", text: `The secret is ${options.secret}.` }] },
    ],
  };
  const draft = await createPost(testDb(), {
    creator: w.creator,
    title: "Studio notes, week 12",
    document,
    access: options.access,
    tierIds: options.tierIds ?? [],
    publicAt: options.access === "early_access" ? new Date(Date.now() + 30 * 24 * 60 * 60 * 1000) : null,
    teaserMode: "auto",
  });
  const settings = await updatePostSettings(w.own, { id: draft.id, notifyMembers: options.notify ?? true });
  expect(settings.notifyMembers).toBe(options.notify ?? true);
  return draft;
}

async function currentVersion(postId: string): Promise<number> {
  const row = await testDb().query.posts.findFirst({ where: (p, { eq: is }) => is(p.id, postId), columns: { version: true } });
  return row!.version;
}

async function publishNow(w: World, postId: string) {
  return publishPost(w.own, { id: postId, baseVersion: await currentVersion(postId) });
}

async function outboxFor(users: TestUser[]) {
  return testDb()
    .select()
    .from(mailOutbox)
    .where(inArray(mailOutbox.to, users.map((u) => u.email)));
}

async function mailsTo(user: TestUser) {
  return outboxFor([user]);
}

function whole(mail: { subject: string; text: string; html: string }): string {
  return `${mail.subject}\n${mail.text}\n${mail.html}`;
}

describe("member emails when a post is first published", () => {
  it("gives each member exactly what the policy lets them read, and nothing to lapsed members or strangers", async () => {
    const w = await world();
    const secret = canary();
    const draft = await gatedDraft(w, { access: "tiers", tierIds: [w.tiers.supporter.id], secret });
    await publishNow(w, draft.id);
    await notifyPostMembersHandler({ postId: draft.id }, { db: testDb(), now: new Date() });

    const [toSupporter, ...moreToSupporter] = await mailsTo(w.fans.supporterMember);
    expect(moreToSupporter).toHaveLength(0);
    expect(toSupporter!.subject).toContain("Studio notes, week 12");
    expect(toSupporter!.subject).toContain("Mara Lindqvist");
    expect(toSupporter!.html).toContain(secret);
    expect(toSupporter!.text).toContain(secret);
    expect(toSupporter!.html).toContain("Read on Atelier");
    // The counted link to the post (services/analytics/email-links.ts).
    expect(toSupporter!.html).toContain(`href="${emailLinkUrl(siteOrigin(), draft.id)}"`);

    for (const member of [w.fans.freeMember, w.fans.patronMember]) {
      const [mail, ...more] = await mailsTo(member);
      expect(more).toHaveLength(0);
      expect(whole(mail!)).not.toContain(secret);
      // Not an empty email: the teaser, and the cheapest tier that unlocks it.
      expect(mail!.html).toContain("A teaser everyone may read.");
      expect(mail!.text).toContain("A teaser everyone may read.");
      expect(mail!.html).toContain("Upgrade to Supporter to read");
      expect(mail!.text).toMatch(new RegExp(`Upgrade to Supporter to read.*/${w.creator.handle}/join`));
    }
    expect(await mailsTo(w.fans.lapsed)).toHaveLength(0);
    expect(await mailsTo(w.fans.stranger)).toHaveLength(0);
  });

  it("keeps a paid-only body from free members, and an early-access body from members outside its tiers", async () => {
    const w = await world();
    const paidSecret = canary();
    const paid = await gatedDraft(w, { access: "paid", secret: paidSecret });
    await publishNow(w, paid.id);
    await deliverPostNotifications(testDb(), paid.id, new Date());
    const [toFree] = await mailsTo(w.fans.freeMember);
    expect(whole(toFree!)).not.toContain(paidSecret);
    expect(toFree!.html).toContain("Upgrade to Supporter to read");
    for (const member of [w.fans.supporterMember, w.fans.patronMember]) {
      const [mail] = await mailsTo(member);
      expect(mail!.html).toContain(paidSecret);
    }

    const earlySecret = canary();
    const early = await gatedDraft(w, { access: "early_access", tierIds: [w.tiers.patron.id], secret: earlySecret });
    await publishNow(w, early.id);
    await deliverPostNotifications(testDb(), early.id, new Date());
    // Both posts share a title: the early one's emails are those linking to it.
    const earlyMails = (await outboxFor(Object.values(w.fans))).filter((m) => m.html.includes(emailLinkUrl(siteOrigin(), early.id)));
    const byRecipient = new Map(earlyMails.map((m) => [m.to, m] as const));
    expect(byRecipient.get(w.fans.patronMember.email)!.html).toContain(earlySecret);
    for (const member of [w.fans.freeMember, w.fans.supporterMember]) {
      expect(whole(byRecipient.get(member.email)!)).not.toContain(earlySecret);
      expect(byRecipient.get(member.email)!.html).toContain("Upgrade to Patron to read");
    }
  });

  it("gives the post's own images signed, expiring addresses, and never signs a file of someone else's", async () => {
    const w = await world();
    const db = testDb();
    // Media rows as an upload leaves them; the email only needs their ids, not their bytes.
    const image = async (creatorId: string) =>
      (await db.insert(media).values({ creatorId, kind: "image", storageKey: `test/${randomUUID()}`, mime: "image/webp", size: 1 }).returning())[0]!.id;
    const [teaserImage, bodyImage] = [await image(w.creator.id), await image(w.creator.id)];
    // Another creator's gated file, named in this post's text by someone who learned its id.
    const foreignImage = await image((await createCreator(db)).id);
    const node = (mediaId: string) => ({ type: "image", attrs: { mediaId, alt: "" } });
    const draft = await createPost(db, {
      creator: w.creator,
      title: "Glaze tests",
      access: "paid",
      document: { type: "doc", content: [node(teaserImage), { type: "paywallBreak" }, node(bodyImage), node(foreignImage)] },
    });
    await publishNow(w, draft.id);
    await deliverPostNotifications(db, draft.id, new Date());

    const signedUrl = (id: string) => new RegExp(`/api/media/${id}\\?w=\\d+&amp;exp=\\d+&amp;sig=[\\w-]+`);
    const [toSupporter] = await mailsTo(w.fans.supporterMember);
    expect(toSupporter!.html).toMatch(signedUrl(bodyImage));
    expect(toSupporter!.html).not.toMatch(new RegExp(`/api/media/${bodyImage}(\\?w=\\d+)?"`));
    expect(toSupporter!.html).not.toMatch(new RegExp(`/api/media/${foreignImage}[^"]*sig=`));
    const [toFree] = await mailsTo(w.fans.freeMember);
    expect(toFree!.html).toMatch(signedUrl(teaserImage));
    expect(toFree!.html).not.toContain(bodyImage);
  });

  it("sends one email per recipient however many times, and however concurrently, the job runs", async () => {
    const w = await world();
    const draft = await gatedDraft(w, { access: "members", secret: canary() });
    await publishNow(w, draft.id);
    const now = new Date();
    await Promise.all([
      deliverPostNotifications(testDb(), draft.id, now),
      deliverPostNotifications(testDb(), draft.id, now),
      deliverPostNotifications(testDb(), draft.id, now),
    ]);
    await deliverPostNotifications(testDb(), draft.id, new Date());
    const mails = await outboxFor(Object.values(w.fans));
    expect(mails.map((m) => m.to).sort()).toEqual(
      [w.fans.freeMember, w.fans.supporterMember, w.fans.patronMember].map((u) => u.email).sort(),
    );
    const deliveries = await testDb().select().from(notificationDeliveries).where(eq(notificationDeliveries.postId, draft.id));
    expect(deliveries.map((d) => d.state)).toEqual(["sent", "sent", "sent"]);
  });

  it("sends once with two pg-boss workers and the job queued three times", async () => {
    const w = await world();
    const draft = await gatedDraft(w, { access: "members", secret: canary() });
    await publishNow(w, draft.id);
    for (const name of ["atelier-notify-worker-1", "atelier-notify-worker-2"]) {
      const runner = await startPgBossRunner({ connectionString: process.env.DATABASE_URL!, db: testDb(), applicationName: name, pollingIntervalSeconds: 0.5 });
      runners.push(runner);
      await runner.work(NOTIFY_POST_MEMBERS, notifyPostMembersHandler);
    }
    for (const runner of [runners[0]!, runners[0]!, runners[1]!]) await runner.send(NOTIFY_POST_MEMBERS, { postId: draft.id });
    const jobStates = async () => {
      const rows = (await testDb().execute(
        sql`select state from pgboss.job where name = ${NOTIFY_POST_MEMBERS} and data->>'postId' = ${draft.id}`,
      )) as unknown as { state: string }[];
      return rows.map((r) => r.state);
    };
    await expect.poll(jobStates, { timeout: 15_000 }).toEqual(["completed", "completed", "completed"]);
    const mails = await outboxFor(Object.values(w.fans));
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.to)).size).toBe(3);
  });

  it("sends nothing when the post does not ask to notify, on Update, or on a republish after unpublishing", async () => {
    const w = await world();
    const quiet = await gatedDraft(w, { access: "members", secret: canary(), notify: false });
    await publishNow(w, quiet.id);
    await deliverPostNotifications(testDb(), quiet.id, new Date());
    expect(await outboxFor(Object.values(w.fans))).toHaveLength(0);

    // Turned on after the first publish: neither an Update nor a republish is news to members.
    await updatePostSettings(w.own, { id: quiet.id, notifyMembers: true });
    await publishNow(w, quiet.id);
    await publishPendingChanges(w.own, { id: quiet.id, baseVersion: await currentVersion(quiet.id) });
    await unpublishPost(w.own, { id: quiet.id });
    await publishNow(w, quiet.id);
    await deliverPostNotifications(testDb(), quiet.id, new Date());
    expect(await outboxFor(Object.values(w.fans))).toHaveLength(0);
    expect(await testDb().select().from(postNotifications).where(eq(postNotifications.postId, quiet.id))).toHaveLength(0);
  });

  it("notifies on a scheduled post's first publish, once even when its job runs twice", async () => {
    const w = await world();
    const draft = await gatedDraft(w, { access: "members", secret: canary() });
    const at = new Date(Date.now() + 1000);
    await schedulePost(w.own, { id: draft.id, at });
    const later = new Date(at.getTime() + 1000);
    await Promise.all([
      publishScheduledPostHandler({ postId: draft.id }, { db: testDb(), now: later }),
      publishScheduledPostHandler({ postId: draft.id }, { db: testDb(), now: later }),
    ]);
    await notifyPostMembersHandler({ postId: draft.id }, { db: testDb(), now: later });
    await notifyPostMembersHandler({ postId: draft.id }, { db: testDb(), now: later });
    expect(await outboxFor(Object.values(w.fans))).toHaveLength(3);
  });
});

describe("opting out", () => {
  it("one-click unsubscribe from an email stops that creator's emails, and the toggle turns them back on", async () => {
    const w = await world();
    const first = await gatedDraft(w, { access: "members", secret: canary() });
    await publishNow(w, first.id);
    await deliverPostNotifications(testDb(), first.id, new Date());
    const [mail] = await mailsTo(w.fans.freeMember);
    const link = /\/unsubscribe\/([A-Za-z0-9_.-]+)/.exec(mail!.text)?.[1];
    expect(link).toBeTruthy();
    expect(mail!.html).toContain(`/unsubscribe/${link}`);
    expect(mail!.headers).toMatchObject({ "List-Unsubscribe": expect.stringContaining(`/api/unsubscribe/${link}`) });

    const result = await unsubscribeByToken(testDb(), link!);
    expect(result.creator.displayName).toBe("Mara Lindqvist");
    // Twice is harmless.
    await unsubscribeByToken(testDb(), link!);

    const second = await gatedDraft(w, { access: "members", secret: canary() });
    await publishNow(w, second.id);
    await deliverPostNotifications(testDb(), second.id, new Date());
    expect(await mailsTo(w.fans.freeMember)).toHaveLength(1);
    expect(await mailsTo(w.fans.supporterMember)).toHaveLength(2);

    await setCreatorEmails(serviceContext({ viewer: w.fans.freeMember }), { creatorId: w.creator.id, enabled: true });
    const third = await gatedDraft(w, { access: "members", secret: canary() });
    await publishNow(w, third.id);
    await deliverPostNotifications(testDb(), third.id, new Date());
    expect(await mailsTo(w.fans.freeMember)).toHaveLength(2);
  });

  it("refuses a tampered or forged unsubscribe token with a clear message and changes nothing", async () => {
    const w = await world();
    const other = await createCreator(testDb());
    const post = await gatedDraft(w, { access: "members", secret: canary() });
    await publishNow(w, post.id);
    await deliverPostNotifications(testDb(), post.id, new Date());
    const [mail] = await mailsTo(w.fans.freeMember);
    const token = /\/unsubscribe\/([A-Za-z0-9_.-]+)/.exec(mail!.text)![1]!;
    const [payload, signature] = token.split(".") as [string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    const forgedPayload = Buffer.from(`${w.fans.supporterMember.id}:${w.creator.id}`).toString("base64url");
    const forgeries = [
      `${payload}.${flipped}`,
      `${forgedPayload}.${signature}`,
      `${Buffer.from(`${w.fans.freeMember.id}:${other.id}`).toString("base64url")}.${signature}`,
      payload,
      "",
      "not-a-token",
    ];
    for (const forged of forgeries) {
      const error = await caught(unsubscribeByToken(testDb(), forged));
      expect(error, forged).toMatchObject({ code: AppErrorCode.INVALID_INPUT, message: expect.stringContaining("unsubscribe link is not valid") });
    }
    // Through the API it is a 400 with the same words, for anyone, signed in or not.
    const viaApi = await caught(createCaller(serviceContext()).membership.emails.unsubscribe({ token: forgeries[0]! }));
    expect(viaApi).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("unsubscribe link is not valid") });
    const optOuts = await testDb()
      .select()
      .from(emailOptOuts)
      .where(and(inArray(emailOptOuts.userId, Object.values(w.fans).map((f) => f.id))));
    expect(optOuts).toHaveLength(0);
  });
});

