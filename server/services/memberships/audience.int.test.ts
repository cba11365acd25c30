// The members list and its CSV export, on the real database.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createCreator, createMembership, createPost, createTier, createUser } from "../../testing/factories";
import { listMembers, membersCsv } from "./audience";
import { joinFree } from "./join";

/** The export as the download receives it. */
async function csvText(...args: Parameters<typeof membersCsv>): Promise<string> {
  return new Response(await membersCsv(...args)).text();
}

describe("the members list", () => {
  it("lists members with tier, status, since and lifetime paid; searches; exports safe CSV", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const own = { ...serviceContext({ viewer: creator.user }), creator };
    const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
    const paid = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500 });
    const alice = await createUser(db, { name: "=HYPERLINK(\"x\")", email: `alice-${randomUUID().slice(0, 8)}@example.test` });
    const bob = await createUser(db, { name: "Bob Member" });
    await createMembership(db, { tier: free, user: alice });
    await createMembership(db, { tier: paid, user: bob });

    const all = await listMembers(own);
    expect(all).toHaveLength(2);
    expect(all.find((m) => m.name === "Bob Member")).toMatchObject({ tierName: "Supporter", status: "active", lifetimePaid: 500 });
    expect((await listMembers(own, { search: "bob" })).map((m) => m.name)).toEqual(["Bob Member"]);
    expect(await listMembers(own, { search: "%" })).toEqual([]);

    const csv = await csvText(own);
    expect(csv.split("\r\n")[0]).toBe("name,email,tier,status,since,joined_from_post,lifetime_paid_minor,currency");
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain("Bob Member");
  });

  it("says which post a member joined from, in the list and in the export", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const own = { ...serviceContext({ viewer: creator.user }), creator };
    const free = await createTier(db, { creator, name: "Reader", monthlyPrice: 0 });
    const post = await createPost(db, { creator, title: "The essay that did it", publish: true });
    const fromPost = await createUser(db, { name: "Came From A Post" });
    const direct = await createUser(db, { name: "Came Directly" });
    await joinFree(serviceContext({ viewer: fromPost }), { tierId: free.id, attributedPostId: post.id });
    await joinFree(serviceContext({ viewer: direct }), { tierId: free.id });

    const members = await listMembers(own);
    expect(members.find((m) => m.name === "Came From A Post")?.joinedFrom).toEqual({ postId: post.id, title: "The essay that did it" });
    expect(members.find((m) => m.name === "Came Directly")?.joinedFrom).toBeNull();
    const lines = (await csvText(own)).split("\r\n");
    expect(lines.find((line) => line.startsWith("Came From A Post,"))?.split(",")[5]).toBe("The essay that did it");
    expect(lines.find((line) => line.startsWith("Came Directly,"))?.split(",")[5]).toBe("");
  });

  it("exports every member once, newest first, however many reads the export takes", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const own = { ...serviceContext({ viewer: creator.user }), creator };
    const paid = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500 });
    const joined = [];
    for (let day = 1; day <= 5; day++) {
      joined.push(await createMembership(db, { tier: paid, now: new Date(Date.UTC(2026, 0, day)) }));
    }
    // Two at the same instant: the page edge between them must neither skip nor repeat one.
    joined.push(await createMembership(db, { tier: paid, now: new Date(Date.UTC(2026, 0, 5)) }));

    const lines = (await csvText(own, { batchSize: 2 })).trimEnd().split("\r\n").slice(1);
    const emails = joined.map((m) => (m.user as { email: string }).email);
    expect(lines).toHaveLength(emails.length);
    expect(new Set(lines.map((line) => line.split(",")[1]))).toEqual(new Set(emails));
    const since = lines.map((line) => line.split(",")[4]!);
    expect(since).toEqual([...since].sort().reverse());
    expect(lines.every((line) => line.endsWith(",500,USD"))).toBe(true);
  });

  it("is only for the creator", async () => {
    const stranger = await createUser(testDb());
    expect(await caught(listMembers(serviceContext({ viewer: stranger })))).toMatchObject({ code: "FORBIDDEN" });
    expect(await caught(membersCsv(serviceContext()))).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
