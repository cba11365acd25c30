// The factories make what the app itself would store: a gated post with its tiers, memberships in
// each state granting exactly what a real one grants, a Stripe membership from the webhook.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payments, postTiers } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { readablePostIds } from "../services/access/policy";
import { getPostAccess } from "../services/posts/access-settings";
import {
  createCreator,
  createMembership,
  createPost,
  createStripeMembership,
  createTier,
  docWithPaywall,
  type TestCreator,
} from "./factories";

async function gatedPosts(creator: TestCreator) {
  const db = testDb();
  const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
  const paid = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500, annualPrice: 5000 });
  const document = docWithPaywall("For everyone.", "For some.");
  const members = await createPost(db, { creator, document, access: "members", publish: true });
  const paidPost = await createPost(db, { creator, document, access: "paid", publish: true });
  const supporters = await createPost(db, { creator, document, access: "tiers", tierIds: [paid.id], publish: true });
  return { free, paid, posts: { members, paid: paidPost, supporters } };
}

describe("createPost", () => {
  it("stores a tiers post with its tiers and the teaser the editor's settings give it", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const { paid, posts } = await gatedPosts(creator);
    const own = { ...serviceContext({ viewer: creator.user }), creator };

    expect(await getPostAccess(own, { postId: posts.supporters.id })).toMatchObject({ access: "tiers", tierIds: [paid.id] });
    expect(await db.select().from(postTiers).where(eq(postTiers.postId, posts.supporters.id))).toEqual([
      { postId: posts.supporters.id, tierId: paid.id },
    ]);
    expect(posts.supporters).toMatchObject({ status: "published", access: "tiers" });
    expect(posts.supporters.teaserHtml).toContain("For everyone.");
    expect(posts.supporters.teaserHtml).not.toContain("For some.");
  });

  it("refuses a tiers post without tiers, as the editor does", async () => {
    const creator = await createCreator(testDb());
    expect(await caught(createPost(testDb(), { creator, access: "tiers" }))).toMatchObject({
      issues: [expect.objectContaining({ path: ["tierIds"], message: "Choose at least one tier." })],
    });
  });
});

describe("createMembership", () => {
  it("joins free and paid tiers the way fans do, and each state grants what it should", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const { free, paid, posts } = await gatedPosts(creator);
    const ids = [posts.members.id, posts.paid.id, posts.supporters.id];
    const reads = (member: { user: { id: string } }) => readablePostIds(serviceContext({ viewer: member.user }), ids);

    const friend = await createMembership(db, { tier: free });
    expect(friend).toMatchObject({ status: "active", price: 0, currentPeriodEnd: null });
    expect(await reads(friend)).toEqual(new Set([posts.members.id]));

    const supporter = await createMembership(db, { tier: paid, interval: "year" });
    expect(supporter).toMatchObject({ status: "active", price: 5000, interval: "year" });
    expect(await db.select().from(payments).where(eq(payments.membershipId, supporter.id))).toMatchObject([{ status: "succeeded", amount: 5000 }]);
    expect(await reads(supporter)).toEqual(new Set(ids));

    const leaving = await createMembership(db, { tier: paid, state: "cancelling" });
    expect(leaving.status).toBe("cancelling");
    expect(leaving.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now());
    expect(await reads(leaving)).toEqual(new Set(ids));

    const lapsed = await createMembership(db, { tier: paid, state: "lapsed" });
    expect(lapsed.currentPeriodEnd!.getTime()).toBeLessThan(Date.now());
    expect(await reads(lapsed)).toEqual(new Set());

    expect(await caught(createMembership(db, { tier: free, state: "lapsed" }))).toMatchObject({
      message: expect.stringContaining("A free membership cannot be lapsed"),
    });
  });

  it("starts a Stripe membership from the signed webhook, under the id the return page waits for", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const { paid, posts } = await gatedPosts(creator);
    const id = crypto.randomUUID();

    const member = await createStripeMembership(db, { tier: paid, interval: "year", id });

    expect(member).toMatchObject({ id, provider: "stripe", price: 5000, interval: "year", status: "active" });
    expect(await readablePostIds(serviceContext({ viewer: member.user }), [posts.paid.id])).toEqual(new Set([posts.paid.id]));
  });
});
