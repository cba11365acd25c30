// The signed-in viewer as a request reads it: one statement gives the session's user, the creator
// page they own and their memberships, and the access policy decides from that exactly as it does
// when it reads them itself. A session that is gone or expired is nobody; a live one is extended
// once a day, as Auth.js does. A member's view of a gated post is then two statements in all.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { memberships, sessions } from "@/db/schema";
import { testDb } from "@/test/db";
import { capturingDb } from "@/test/support/capturing-db";
import { createCreator, createMembership, createPost, createTier, createUser, docWithPaywall } from "../testing/factories";
import { loadAccessViewer } from "../services/access/policy";
import { getReadablePost } from "../services/posts/reads";
import { SESSION_MAX_AGE_SECONDS, sessionViewer } from "./session-viewer";

const DAY = 24 * 60 * 60 * 1000;
const capture = capturingDb();

afterAll(async () => {
  await capture.close();
});

async function sessionFor(userId: string, expires: Date): Promise<string> {
  const sessionToken = randomUUID();
  await testDb().insert(sessions).values({ sessionToken, userId, expires });
  return sessionToken;
}

const expiresOf = async (token: string) =>
  (await testDb().select({ expires: sessions.expires }).from(sessions).where(eq(sessions.sessionToken, token)))[0]?.expires;

describe("sessionViewer", () => {
  it("reads the viewer's own page and memberships with the session, as the policy would read them", async () => {
    const db = testDb();
    const now = new Date();
    const fan = await createUser(db);
    const own = await createCreator(db, { user: fan });
    const other = await createCreator(db);
    const paid = await createTier(db, { creator: other, monthlyPrice: 500 });
    const free = await createTier(db, { creator: await createCreator(db), monthlyPrice: 0 });
    const gone = await createTier(db, { creator: await createCreator(db), monthlyPrice: 900 });
    await createMembership(db, { tier: paid, user: fan, state: "cancelling" });
    await createMembership(db, { tier: free, user: fan });
    const expired = await createMembership(db, { tier: gone, user: fan });
    await db.update(memberships).set({ status: "expired" }).where(eq(memberships.id, expired.id));

    const viewer = await sessionViewer(db, await sessionFor(fan.id, new Date(now.getTime() + 10 * DAY)), now);
    expect(viewer?.userId).toBe(fan.id);
    expect(viewer?.access?.creatorId).toBe(own.id);
    expect(viewer?.access?.entitlements.map((each) => each.tierId).sort()).toEqual([paid.id, free.id].sort());
    const cancelling = viewer?.access?.entitlements.find((each) => each.tierId === paid.id);
    expect(cancelling?.currentPeriodEnd).toBeInstanceOf(Date);

    const fromSession = await loadAccessViewer({ db, viewer: viewer!, now });
    const readItself = await loadAccessViewer({ db, viewer: { userId: fan.id }, now });
    const sorted = (entitlements: readonly { tierId: string }[]) => [...entitlements].sort((a, b) => a.tierId.localeCompare(b.tierId));
    expect({ ...fromSession!, entitlements: sorted(fromSession!.entitlements) }).toEqual({ ...readItself!, entitlements: sorted(readItself!.entitlements) });
  });

  it("is nobody for a token with no session, and for an expired session", async () => {
    const db = testDb();
    const now = new Date();
    const user = await createUser(db);
    expect(await sessionViewer(db, randomUUID(), now)).toBeNull();
    expect(await sessionViewer(db, await sessionFor(user.id, new Date(now.getTime() - 1000)), now)).toBeNull();
    const viewer = await sessionViewer(db, await sessionFor(user.id, new Date(now.getTime() + DAY)), now);
    expect(viewer).toEqual({ userId: user.id, access: { creatorId: null, entitlements: [] } });
  });

  it("extends a live session once it is a day old, and not before", async () => {
    const db = testDb();
    const now = new Date();
    const user = await createUser(db);
    const fresh = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
    const freshToken = await sessionFor(user.id, fresh);
    const oldToken = await sessionFor(user.id, new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 2 * DAY));
    await sessionViewer(db, freshToken, now);
    await sessionViewer(db, oldToken, now);
    expect(await expiresOf(freshToken)).toEqual(fresh);
    expect((await expiresOf(oldToken))?.getTime()).toBe(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  });

  it("leaves a member's view of a gated post at two statements: the session, then the post", async () => {
    const db = testDb();
    const now = new Date();
    const creator = await createCreator(db);
    const tier = await createTier(db, { creator, monthlyPrice: 500 });
    const post = await createPost(db, { creator, title: "For supporters", document: docWithPaywall("Open words.", "Members' words."), access: "paid", publish: true });
    const member = await createMembership(db, { tier });
    // Signed in within the last day: the once-a-day extension is not due.
    const token = await sessionFor(member.user.id, new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 60_000));

    capture.reset();
    const viewer = await sessionViewer(capture.db, token, now);
    const page = await getReadablePost({ db: capture.db, viewer, now }, creator.handle, post.slug);
    expect(page?.html).toContain("Members");
    expect(page?.html).toContain("words.");
    expect(capture.statements()).toHaveLength(2);
  });
});
