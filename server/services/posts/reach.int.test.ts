// What the publish step tells the creator before they decide: who can read the post, how many of
// their members that is, and how many are emailed — the same count the email job then sends.
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { createCreator, createMembership, createPost, createTier, createUser, docWithPaywall, docWithText, type TestCreator } from "../../testing/factories";
import { setCreatorEmails } from "../memberships/email-preferences";
import { publishPostAndReport } from "./editing";
import { deliverPostNotifications } from "./notifications";
import { getPostReach } from "./reach";
import { updatePostSettings } from "./settings";

function asCreator(creator: TestCreator) {
  return { ...serviceContext({ viewer: creator.user }), creator };
}

/** Free ×1, Silver ×2 (one turned the creator's emails off), Gold ×1, and one lapsed Silver member. */
async function world() {
  const db = testDb();
  const creator = await createCreator(db);
  const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
  const silver = await createTier(db, { creator, name: "Silver", monthlyPrice: 500 });
  const gold = await createTier(db, { creator, name: "Gold", monthlyPrice: 1500 });
  const fans = {
    free: await createUser(db),
    silver: await createUser(db),
    quietSilver: await createUser(db),
    gold: await createUser(db),
    lapsed: await createUser(db),
  };
  await createMembership(db, { tier: free, user: fans.free });
  await createMembership(db, { tier: silver, user: fans.silver });
  await createMembership(db, { tier: silver, user: fans.quietSilver });
  await createMembership(db, { tier: gold, user: fans.gold });
  await createMembership(db, { tier: silver, user: fans.lapsed, state: "lapsed" });
  await setCreatorEmails(serviceContext({ viewer: fans.quietSilver }), { creatorId: creator.id, enabled: false });
  return { creator, tiers: { free, silver, gold }, fans };
}

describe("getPostReach", () => {
  it("names the tiers that can read, counts live members who can and who are emailed, and leaves out a lapsed one", async () => {
    const w = await world();
    const onlyGold = await createPost(testDb(), { creator: w.creator, title: "For Gold", document: docWithPaywall("Teaser.", "Body."), access: "tiers", tierIds: [w.tiers.gold.id] });
    expect(await getPostReach(asCreator(w.creator), { id: onlyGold.id })).toMatchObject({
      access: "tiers",
      tiers: [{ id: w.tiers.gold.id, name: "Gold" }],
      hasPaywallBreak: true,
      blocked: null,
      teaser: "above_break",
      members: { total: 4, canRead: 1 },
      email: { sends: true, reason: "first_publish", recipients: 3, fullPost: 1, optedOut: 1 },
    });

    const paid = await createPost(testDb(), { creator: w.creator, title: "For paid", document: docWithText("No break."), access: "paid" });
    expect(await getPostReach(asCreator(w.creator), { id: paid.id })).toMatchObject({
      tiers: [{ name: "Silver" }, { name: "Gold" }],
      teaser: "title_only",
      members: { total: 4, canRead: 3 },
      email: { recipients: 3, fullPost: 2 },
    });
  });

  it("says when publishing would be refused, and when no email goes out and why", async () => {
    const w = await world();
    const open = await createPost(testDb(), { creator: w.creator, title: "Open", document: docWithPaywall("Teaser.", "Body.") });
    const reach = await getPostReach(asCreator(w.creator), { id: open.id });
    expect(reach).toMatchObject({ access: "public", teaser: null, members: { total: 4, canRead: 4 } });
    expect(reach.blocked).toMatch(/^This post is public, so everyone could read what is below the paywall break\./);

    const quiet = await createPost(testDb(), { creator: w.creator, title: "Quiet", access: "members" });
    await updatePostSettings(asCreator(w.creator), { id: quiet.id, notifyMembers: false });
    expect((await getPostReach(asCreator(w.creator), { id: quiet.id })).email).toMatchObject({ sends: false, reason: "turned_off", recipients: 3 });

    const out = await createPost(testDb(), { creator: w.creator, title: "Out", access: "members", publish: true });
    expect((await getPostReach(asCreator(w.creator), { id: out.id })).email).toMatchObject({ sends: false, reason: "already_published" });
  });
});

describe("publishPostAndReport", () => {
  it("reports the number of members the email job then emails, and none for a post with emails off", async () => {
    const w = await world();
    const post = await createPost(testDb(), { creator: w.creator, title: "News", document: docWithPaywall("Teaser.", "Body."), access: "paid" });
    const report = await publishPostAndReport(asCreator(w.creator), { id: post.id, baseVersion: post.version });
    expect(report).toMatchObject({ status: "published", emailing: 3 });

    const emails = Object.values(w.fans).map((fan) => fan.email);
    const delivery = await deliverPostNotifications(testDb(), post.id, new Date());
    expect(delivery.sent).toBe(report.emailing);
    expect(await testDb().select({ to: mailOutbox.to }).from(mailOutbox).where(inArray(mailOutbox.to, emails))).toHaveLength(3);

    const quiet = await createPost(testDb(), { creator: w.creator, title: "Quiet", access: "members" });
    await updatePostSettings(asCreator(w.creator), { id: quiet.id, notifyMembers: false });
    const fresh = await testDb().query.posts.findFirst({ where: (p, { eq }) => eq(p.id, quiet.id) });
    expect(await publishPostAndReport(asCreator(w.creator), { id: quiet.id, baseVersion: fresh!.version })).toMatchObject({ emailing: null });
  });
});
