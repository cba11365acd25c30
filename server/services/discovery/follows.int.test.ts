// Following on the real database: free and open to anyone signed in, tiers or not; once however
// often (or concurrently) it is asked; a member follows when they join; the creator's list.
import { describe, expect, it } from "vitest";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, creatorWithTiers } from "@/test/memberships";
import { createCreator, createMembership, createStripeMembership, createUser } from "../../testing/factories";
import { followCreator, followStates, listFollowers, unfollowCreator } from "./follows";

describe("following a creator", () => {
  it("is open to any signed-in fan of a creator without tiers, and stopping is as easy", async () => {
    const creator = await createCreator(testDb());
    const fan = await createUser(testDb());
    expect(await followCreator(at(fan), { creatorId: creator.id })).toEqual({ creatorId: creator.id, following: true, followers: 1 });
    expect(await followStates(at(fan), { creatorIds: [creator.id] })).toMatchObject({ following: [creator.id] });
    expect(await unfollowCreator(at(fan), { creatorId: creator.id })).toEqual({ creatorId: creator.id, following: false, followers: 0 });
    expect(await followStates(at(fan), { creatorIds: [creator.id] })).toMatchObject({ following: [] });
  });

  it("counts once however often, and however concurrently, a fan clicks", async () => {
    const creator = await createCreator(testDb());
    const fan = await createUser(testDb());
    await Promise.all(Array.from({ length: 8 }, () => followCreator(at(fan), { creatorId: creator.id })));
    expect(await followCreator(at(fan), { creatorId: creator.id })).toMatchObject({ followers: 1 });
  });

  it("asks a signed-out visitor to sign in, and refuses an unknown creator and one's own page", async () => {
    const creator = await createCreator(testDb());
    expect(await caught(followCreator(at(null), { creatorId: creator.id }))).toMatchObject({ code: "UNAUTHENTICATED" });
    const fan = await createUser(testDb());
    expect(await caught(followCreator(at(fan), { creatorId: "no-such-creator" }))).toMatchObject({ code: "NOT_FOUND", field: "creatorId" });
    expect(await caught(followCreator(at(creator.user), { creatorId: creator.id }))).toMatchObject({ code: "INVALID_INPUT" });
    expect(await followStates(at(creator.user), { creatorIds: [creator.id] })).toEqual({ following: [], ownCreatorId: creator.id });
    expect(await followStates(at(null), { creatorIds: [creator.id] })).toEqual({ following: [], ownCreatorId: null });
  });

  it("comes with joining, free or paid, through the sandbox or Stripe; a member may stop following and stays a member", async () => {
    const { creator, free, supporter } = await creatorWithTiers();
    const freeFan = await createMembership(testDb(), { tier: free });
    const paidFan = await createMembership(testDb(), { tier: supporter });
    const stripeFan = await createStripeMembership(testDb(), { tier: supporter });
    for (const member of [freeFan, paidFan, stripeFan]) {
      expect(await followStates(at(member.user), { creatorIds: [creator.id] })).toMatchObject({ following: [creator.id] });
    }
    await unfollowCreator(at(paidFan.user), { creatorId: creator.id });
    expect(await followStates(at(paidFan.user), { creatorIds: [creator.id] })).toMatchObject({ following: [] });
    const after = await testDb().query.memberships.findFirst({ where: (m, { eq }) => eq(m.id, paidFan.id) });
    expect(after?.status).toBe("active");
  });
});

describe("the creator's followers", () => {
  it("lists names newest first, a page at a time, with the total", async () => {
    const creator = await createCreator(testDb());
    const names = ["Ada", "Bea", "Cai"];
    for (const [index, name] of names.entries()) {
      const fan = await createUser(testDb(), { name });
      await followCreator(serviceContext({ viewer: fan, now: new Date(Date.UTC(2026, 0, 1 + index)) }), { creatorId: creator.id });
    }
    const owner = at(creator.user);
    const first = await listFollowers(owner, { limit: 2 });
    expect(first.total).toBe(3);
    expect(first.followers.map((f) => f.name)).toEqual(["Cai", "Bea"]);
    const second = await listFollowers(owner, { limit: 2, cursor: first.nextCursor! });
    expect(second.followers.map((f) => f.name)).toEqual(["Ada"]);
    expect(second.nextCursor).toBeNull();
    expect(await caught(listFollowers(owner, { cursor: "not-a-cursor" }))).toMatchObject({ code: "INVALID_INPUT", field: "cursor" });
  });

  it("are the creator's to see: another signed-in person without a page is refused", async () => {
    const stranger = await createUser(testDb());
    expect(await caught(listFollowers(at(stranger)))).toMatchObject({ code: "FORBIDDEN" });
  });
});
