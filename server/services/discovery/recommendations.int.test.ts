// Recommendations on the real database: a creator keeps an ordered list of others with a line
// each, refused for themselves, strangers, twice or past the limit, and nobody else can change it;
// a click is counted (a bot's is not) and carried to the join, which credits the recommendation
// for both creators to see; "fans also support" needs five shared members and never less; the
// welcome email goes once, with the receipt and the recommendations, escaped.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { analyticsEvents, mailOutbox, memberships } from "@/db/schema";
import { MAX_RECOMMENDATIONS } from "@/lib/schemas/discovery";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, card, creatorWithTiers, key, T0 } from "@/test/memberships";
import { createCreator, createMembership, createPost, createTier, createUser } from "../../testing/factories";
import { checkout, creditAskedByPage, joinFree } from "../memberships/join";
import { sendWelcome } from "../memberships/welcome";
import {
  addRecommendation,
  fansAlsoSupport,
  followRecommendation,
  recommendationsOf,
  removeRecommendation,
  reorderRecommendations,
  studioRecommendations,
  updateRecommendation,
} from "./recommendations";

describe("a creator's recommendations", () => {
  it("are added by handle with a reason, kept in the creator's order, edited and removed", async () => {
    const creator = await createCreator(testDb());
    const [a, b, c] = [await createCreator(testDb()), await createCreator(testDb()), await createCreator(testDb())];
    const me = at(creator.user);
    const first = await addRecommendation(me, { handle: `@${a.handle}`, reason: "  The best maps on the site. " });
    const second = await addRecommendation(me, { handle: b.handle.toUpperCase() });
    const third = await addRecommendation(me, { handle: c.handle, reason: "Songs" });
    expect((await recommendationsOf(testDb(), creator.id)).map((r) => [r.creator.handle, r.reason])).toEqual([
      [a.handle, "The best maps on the site."],
      [b.handle, ""],
      [c.handle, "Songs"],
    ]);
    await reorderRecommendations(me, { ids: [third.id, first.id, second.id] });
    await updateRecommendation(me, { id: second.id, reason: "Weekly essays" });
    await removeRecommendation(me, { id: first.id });
    expect((await recommendationsOf(testDb(), creator.id)).map((r) => [r.creator.handle, r.reason])).toEqual([
      [c.handle, "Songs"],
      [b.handle, "Weekly essays"],
    ]);
  });

  it("refuses one's own page, an unknown handle, the same creator twice, more than the limit, and a reason of two lines", async () => {
    const creator = await createCreator(testDb());
    const me = at(creator.user);
    expect(await caught(addRecommendation(me, { handle: creator.handle }))).toMatchObject({ code: "INVALID_INPUT", field: "handle" });
    expect(await caught(addRecommendation(me, { handle: "nobody-has-this-handle" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "handle",
      message: "No creator has the handle @nobody-has-this-handle.",
    });
    const other = await createCreator(testDb());
    await addRecommendation(me, { handle: other.handle });
    expect(await caught(addRecommendation(me, { handle: other.handle }))).toMatchObject({ code: "ALREADY_EXISTS", field: "handle" });
    expect(await caught(addRecommendation(me, { handle: (await createCreator(testDb())).handle, reason: "one\ntwo" }))).toMatchObject({ name: "ZodError" });
    for (let i = 1; i < MAX_RECOMMENDATIONS; i++) await addRecommendation(me, { handle: (await createCreator(testDb())).handle });
    const last = await createCreator(testDb());
    expect(await caught(addRecommendation(me, { handle: last.handle }))).toMatchObject({ code: "INVALID_INPUT", field: "handle" });
    expect(await recommendationsOf(testDb(), creator.id)).toHaveLength(MAX_RECOMMENDATIONS);
  });

  it("cannot be changed, reordered or removed by anyone else, nor seen in their studio", async () => {
    const creator = await createCreator(testDb());
    const other = await createCreator(testDb());
    const { id } = await addRecommendation(at(creator.user), { handle: other.handle, reason: "Mine" });
    const intruder = await createCreator(testDb());
    expect(await caught(updateRecommendation(at(intruder.user), { id, reason: "Hijacked" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await caught(removeRecommendation(at(intruder.user), { id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await caught(reorderRecommendations(at(intruder.user), { ids: [id] }))).toMatchObject({ code: "CONFLICT" });
    expect(await caught(addRecommendation(at(await createUser(testDb())), { handle: other.handle }))).toMatchObject({ code: "FORBIDDEN" });
    expect((await studioRecommendations(at(intruder.user))).mine).toEqual([]);
    expect((await recommendationsOf(testDb(), creator.id)).map((r) => r.reason)).toEqual(["Mine"]);
  });
});

describe("what a recommendation brings", () => {
  it("counts clicks (not a bot's), credits the joins it carried, and shows both to both creators", async () => {
    const recommender = await createCreator(testDb());
    const { creator, free, supporter } = await creatorWithTiers();
    const { id } = await addRecommendation(at(recommender.user), { handle: creator.handle, reason: "Read her" });

    expect(await followRecommendation(testDb(), id, true)).toBe(`/${creator.handle}?src=recommendation&rec=${id}`);
    await followRecommendation(testDb(), id, true);
    await followRecommendation(testDb(), id, false);
    expect(await followRecommendation(testDb(), "no-such-recommendation", true)).toBeNull();

    const freeFan = await createUser(testDb());
    const joined = await joinFree(at(freeFan), { tierId: free.id, recommendationId: id });
    expect(joined.attributedRecommendationId).toBe(id);
    const paidFan = await createUser(testDb());
    const paid = await checkout(at(paidFan), { tierId: supporter.id, interval: "month", idempotencyKey: key(), card: card(), recommendationId: id });
    expect(paid.membership.attributedRecommendationId).toBe(id);

    // A recommendation of someone else does not credit a join here.
    const elsewhere = await createCreator(testDb());
    const { id: notForThisCreator } = await addRecommendation(at(recommender.user), { handle: elsewhere.handle });
    const third = await joinFree(at(await createUser(testDb())), { tierId: free.id, recommendationId: notForThisCreator });
    expect(third.attributedRecommendationId).toBeNull();

    const theirs = await studioRecommendations(at(recommender.user));
    expect(theirs.mine.find((r) => r.id === id)).toMatchObject({ clicks: 2, freeJoins: 1, paidJoins: 1, reason: "Read her", creator: { handle: creator.handle } });
    const mine = await studioRecommendations(at(creator.user));
    expect(mine.ofMe).toEqual([expect.objectContaining({ id, clicks: 2, freeJoins: 1, paidJoins: 1, creator: expect.objectContaining({ handle: recommender.handle }) })]);

    // The dashboards count those joins under the recommendation source.
    const events = await testDb().query.analyticsEvents.findMany({ where: eq(analyticsEvents.creatorId, creator.id) });
    expect(events.filter((event) => event.source === "recommendation").map((event) => event.kind).sort()).toEqual(["joined_free", "joined_paid"]);
  });

  it("reads the credit a join page asks for from its address: this creator's post in next, the recommendation in rec", async () => {
    const creator = await createCreator(testDb());
    const post = await createPost(testDb(), { creator, publish: true });
    const other = await createCreator(testDb());
    const othersPost = await createPost(testDb(), { creator: other, publish: true });
    expect(await creditAskedByPage(testDb(), creator, `/${creator.handle}/posts/${post.slug}`, "rec-1")).toEqual({ attributedPostId: post.id, recommendationId: "rec-1" });
    expect(await creditAskedByPage(testDb(), creator, `/${other.handle}/posts/${othersPost.slug}`, ["a", "b"])).toEqual({ attributedPostId: null, recommendationId: null });
    expect(await creditAskedByPage(testDb(), creator, `/${creator.handle}`, "<script>")).toEqual({ attributedPostId: null, recommendationId: null });
  });
});

describe("fans also support", () => {
  it("shows a creator only once five people are members of both, and counts no one whose membership ended", async () => {
    const creator = await createCreator(testDb());
    const free = await createTier(testDb(), { creator, name: "Free", monthlyPrice: 0, now: T0 });
    const neighbour = await createCreator(testDb());
    const neighbourFree = await createTier(testDb(), { creator: neighbour, name: "Free", monthlyPrice: 0, now: T0 });
    const shared = [];
    for (let i = 0; i < 5; i++) {
      const fan = await createMembership(testDb(), { tier: free });
      await createMembership(testDb(), { tier: neighbourFree, user: fan.user });
      shared.push(fan);
    }
    // One of the five left the neighbour: four shared members are not enough.
    await testDb().update(memberships).set({ status: "expired" }).where(eq(memberships.userId, shared[0]!.user.id));
    await createMembership(testDb(), { tier: free, user: shared[0]!.user }).catch(() => undefined);
    expect(await fansAlsoSupport(testDb(), creator.id)).toEqual([]);

    const fifth = await createMembership(testDb(), { tier: free });
    await createMembership(testDb(), { tier: neighbourFree, user: fifth.user });
    expect(await fansAlsoSupport(testDb(), creator.id)).toEqual([expect.objectContaining({ id: neighbour.id, handle: neighbour.handle })]);
  });
});

describe("the welcome email", () => {
  it("goes once per join, with the receipt of a paid one and the creator's recommendations, escaped", async () => {
    const { creator, supporter } = await creatorWithTiers();
    const friend = await createCreator(testDb(), { displayName: "Ada <b>Bold</b>" });
    await addRecommendation(at(creator.user), { handle: friend.handle, reason: `Her "maps" & <i>songs</i>` });
    const fan = await createUser(testDb());
    const { membership } = await checkout(at(fan), { tierId: supporter.id, interval: "month", idempotencyKey: key(), card: card() });

    expect(await sendWelcome(testDb(), membership.id, T0)).toBe(true);
    expect(await sendWelcome(testDb(), membership.id, T0)).toBe(false);
    const mails = await testDb().select().from(mailOutbox).where(eq(mailOutbox.to, fan.email));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toBe(`Welcome to ${creator.displayName}: your receipt`);
    expect(mail!.text).toContain(`You are now a Supporter member of ${creator.displayName}.`);
    expect(mail!.text).toContain("Paid: $5 for a month");
    expect(mail!.text).toMatch(/Renews: \w+ \d+, \d{4}, unless you cancel before then/);
    expect(mail!.text).toContain(`- Ada <b>Bold</b>: Her "maps" & <i>songs</i> http://localhost:3000/api/recommendation/`);
    expect(mail!.html).toContain("Ada &#60;b&#62;Bold&#60;/b&#62;");
    expect(mail!.html).toContain("Her &#34;maps&#34; &#38; &#60;i&#62;songs&#60;/i&#62;");
    expect(mail!.html).not.toContain("<i>songs</i>");
    expect(mail!.html).toMatch(/href="http:\/\/localhost:3000\/api\/recommendation\/[\w-]+\?from=email"/);
  });
});
