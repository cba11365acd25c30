// A creator's archive narrowed the way a fan asks: by tag, by collection, by kind of post, and to
// the posts they can read whole (decided by the access policy, post by post), newest first, a page
// at a time with nothing skipped or repeated; a gated post's words never reach a reader who may not
// read it, however it is filtered.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { docWithText } from "@/server/testing/documents";
import { testDb } from "@/test/db";
import { at, creatorWithTiers } from "@/test/memberships";
import { createMembership, createPost } from "../../testing/factories";
import { createCollection, setCollectionPosts } from "./collections";
import { listPublishedPostsPage } from "./reads";
import { setPostTags } from "./tags";

const T = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

async function titles(viewer: Parameters<typeof at>[0], creatorId: string, filters: Parameters<typeof listPublishedPostsPage>[2]) {
  return (await listPublishedPostsPage(at(viewer), creatorId, filters)).posts.map((post) => post.title);
}

describe("the archive's filters", () => {
  it("narrow by tag, collection and kind; 'only what I can read' follows the policy and pages through without gaps", async () => {
    const { creator, supporter } = await creatorWithTiers();
    const secret = "GATED-ARCHIVE-WORDS";
    const made = [];
    // Twelve posts a minute apart: every third one is for paying members.
    for (let i = 1; i <= 12; i++) {
      const paid = i % 3 === 0;
      made.push(
        await createPost(testDb(), { creator, title: `P${i}`, publish: true, access: paid ? "paid" : "public", document: docWithText(paid ? secret : "Open."), now: T(i) }),
      );
    }
    await setPostTags(testDb(), creator.id, made[0]!.id, ["Field notes"]);
    await setPostTags(testDb(), creator.id, made[4]!.id, ["field notes", "Maps"]);
    await testDb().update(posts).set({ kind: "audio" }).where(eq(posts.id, made[7]!.id));
    const { id } = await createCollection(at(creator.user), { title: "Best of" });
    await setCollectionPosts(at(creator.user), { id, postIds: [made[1]!.id, made[2]!.id] });

    expect(await titles(null, creator.id, { limit: 20, tag: "field-notes" })).toEqual(["P5", "P1"]);
    expect(await titles(null, creator.id, { limit: 20, tag: "maps", kind: "text" })).toEqual(["P5"]);
    expect(await titles(null, creator.id, { limit: 20, kind: "audio" })).toEqual(["P8"]);
    expect(await titles(null, creator.id, { limit: 20, collection: "best-of" })).toEqual(["P3", "P2"]);
    expect(await titles(null, creator.id, { limit: 20, tag: "no-such-tag" })).toEqual([]);

    // A stranger, three at a time: only the public posts, each once, in order, across pages.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPublishedPostsPage(at(null), creator.id, { limit: 3, unlocked: true, cursor });
      expect(JSON.stringify(page)).not.toContain(secret);
      seen.push(...page.posts.map((post) => post.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["P11", "P10", "P8", "P7", "P5", "P4", "P2", "P1"]);

    // A paying member can read them all; unfiltered, a stranger sees the gated ones locked.
    const member = await createMembership(testDb(), { tier: supporter });
    expect(await titles(member.user, creator.id, { limit: 20, unlocked: true })).toHaveLength(12);
    const locked = (await listPublishedPostsPage(at(null), creator.id, { limit: 20 })).posts.filter((post) => post.locked).map((post) => post.title);
    expect(locked).toEqual(["P12", "P9", "P6", "P3"]);
  });
});
