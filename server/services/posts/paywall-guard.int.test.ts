// A paywall break means what it says: a public post shows everything, so no path lets a public
// post with a break go out — not Publish, not Update, not scheduling, not the scheduled publish,
// not making a live post public — whatever client asks. The refusal is a 400 on the `access`
// field, in words that name the fix.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { postNotifications, posts } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { httpClient, refusedOverHttp } from "@/test/trpc-http";
import { publishScheduledPostHandler } from "../../jobs/scheduled-publish";
import { createCreator, createPost, docWithPaywall, docWithText, type TestCreator } from "../../testing/factories";
import { getPostAccess, setPostAccess } from "./access-settings";
import { publishPost, savePost } from "./editing";
import { schedulePost } from "./lifecycle";

const HOUR = 60 * 60 * 1000;
const BELOW = "Below the break: the members' recipe.";

function asCreator(creator: TestCreator, now = new Date()) {
  return { ...serviceContext({ viewer: creator.user, now }), creator };
}

async function row(postId: string) {
  const [found] = await testDb().select().from(posts).where(eq(posts.id, postId));
  return found!;
}

describe("a public post with a paywall break", () => {
  it("is refused at Publish over HTTP with a 400 on `access` that names the fix, and stays a draft", async () => {
    const creator = await createCreator(testDb());
    const draft = await createPost(testDb(), { creator, title: "Bread", document: docWithPaywall("For everyone.", BELOW) });
    expect(draft.access).toBe("public");

    const refusal = await refusedOverHttp(httpClient(creator.user).post.publish.mutate({ id: draft.id, baseVersion: draft.version }));
    expect(refusal.status).toBe(400);
    expect(refusal.data).toMatchObject({ code: "BAD_REQUEST", field: "access" });
    expect(refusal.message).toBe(
      "This post is public, so everyone could read what is below the paywall break. Choose who can read it in Settings, or remove the break, before publishing.",
    );
    // A draft is a 404 to readers, so nothing of it, above or below the break, went out.
    expect(await row(draft.id)).toMatchObject({ status: "draft", publishedAt: null });
  });

  it("publishes once it is gated, or once the break is gone", async () => {
    const creator = await createCreator(testDb());
    const gated = await createPost(testDb(), { creator, title: "Gated", document: docWithPaywall("For everyone.", BELOW), access: "members" });
    expect((await publishPost(asCreator(creator), { id: gated.id, baseVersion: gated.version })).status).toBe("published");

    const open = await createPost(testDb(), { creator, title: "Open", document: docWithPaywall("For everyone.", BELOW) });
    const withoutBreak = await savePost(asCreator(creator), { id: open.id, baseVersion: open.version, title: "Open", document: docWithText("All of it, for everyone.") });
    expect((await publishPost(asCreator(creator), { id: open.id, baseVersion: withoutBreak.version })).status).toBe("published");
  });

  it("refuses Update of a live public post that gained a break, and the live text stays as it was", async () => {
    const creator = await createCreator(testDb());
    const live = await createPost(testDb(), { creator, title: "Live", document: docWithText("The published words."), publish: true });
    const edited = await savePost(asCreator(creator), { id: live.id, baseVersion: live.version, title: "Live", document: docWithPaywall("Teaser.", BELOW) });

    const refusal = await refusedOverHttp(httpClient(creator.user).post.update.mutate({ id: live.id, baseVersion: edited.version }));
    expect(refusal.status).toBe(400);
    expect(refusal.data).toMatchObject({ field: "access" });
    expect(refusal.message).toContain("before updating");
    const after = await row(live.id);
    expect(after.html).toContain("The published words.");
    expect(after.html).not.toContain("members' recipe");
  });

  it("cannot be scheduled, and one that gained a break after scheduling goes back to the drafts instead of out", async () => {
    const creator = await createCreator(testDb());
    const now = new Date();
    const at = new Date(now.getTime() + HOUR);
    const withBreak = await createPost(testDb(), { creator, title: "Later", document: docWithPaywall("Teaser.", BELOW), now });
    const refused = await caught(schedulePost(asCreator(creator, now), { id: withBreak.id, at }));
    expect(refused).toMatchObject({ code: "INVALID_INPUT", field: "access", message: expect.stringContaining("before scheduling it") });

    const plain = await createPost(testDb(), { creator, title: "Later", document: docWithText("Plain."), now });
    const scheduled = await schedulePost(asCreator(creator, now), { id: plain.id, at });
    await savePost(asCreator(creator, now), { id: plain.id, baseVersion: scheduled.version, title: "Later", document: docWithPaywall("Teaser.", BELOW) });
    await publishScheduledPostHandler({ postId: plain.id }, { db: testDb(), now: at });
    expect(await row(plain.id)).toMatchObject({ status: "draft", scheduledAt: null, publishedAt: null });
    expect(await testDb().select().from(postNotifications).where(eq(postNotifications.postId, plain.id))).toEqual([]);
  });

  it("cannot be made public once it is out; a draft can (the editor warns, Publish refuses)", async () => {
    const creator = await createCreator(testDb());
    const live = await createPost(testDb(), { creator, title: "Members", document: docWithPaywall("Teaser.", BELOW), access: "members", publish: true });
    const settings = { postId: live.id, access: "public" as const, teaserMode: "auto" as const };
    const refused = await refusedOverHttp(httpClient(creator.user).post.access.set.mutate(settings));
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ field: "access" });
    expect(refused.message).toContain("Remove the break first");
    expect(await getPostAccess(asCreator(creator), { postId: live.id })).toMatchObject({ access: "members" });

    const draft = await createPost(testDb(), { creator, title: "Draft", document: docWithPaywall("Teaser.", BELOW), access: "members" });
    expect(await setPostAccess(asCreator(creator), { ...settings, postId: draft.id })).toMatchObject({ access: "public" });
  });

  it("cannot be made public while a break waits in the changes of a live post, not yet updated", async () => {
    const creator = await createCreator(testDb());
    const live = await createPost(testDb(), { creator, title: "Live", document: docWithText("All of it."), access: "members", publish: true });
    await savePost(asCreator(creator), { id: live.id, baseVersion: live.version, title: "Live", document: docWithPaywall("Teaser.", BELOW) });

    const refused = await caught(setPostAccess(asCreator(creator), { postId: live.id, access: "public", teaserMode: "auto" }));
    expect(refused).toMatchObject({ code: "INVALID_INPUT", field: "access" });
    expect(await getPostAccess(asCreator(creator), { postId: live.id })).toMatchObject({ access: "members" });
  });
});
