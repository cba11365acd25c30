// One policy, every channel: a gated post whose body holds a unique canary is fetched through each
// channel as each viewer who may not read it, and the canary never appears. The same channels give
// the body to viewers who may, so the absence is the policy's doing and not an empty response.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { posts, postSlugs } from "@/db/schema";
import { serviceContext, testDb, type ViewerLike } from "@/test/db";
import { caught } from "@/test/errors";
import {
  createCreator,
  createMembership,
  createPost,
  createTier,
  createUser,
  docWithPaywall,
  docWithText,
  type TestCreator,
} from "../../testing/factories";
import { createCaller } from "../../trpc/root";
import { readablePostIds } from "../access/policy";
import type { ServiceContext } from "../context";
import { setPostAccess } from "./access-settings";
import { createPost as createDraft, publishPost, savePost } from "./editing";
import { findSlugRedirect, getReadablePost } from "./reads";
import { updatePostSettings } from "./settings";
import { creatorFeedXml, sitemapFileEntries, sitemapFiles } from "./feed";

const DAY = 24 * 60 * 60 * 1000;
const ORIGIN = "https://atelier.example";

function canary(): string {
  return `canary${randomUUID().replaceAll("-", "")}`;
}

function asCreator(creator: TestCreator, now = new Date()) {
  return { ...serviceContext({ viewer: creator.user, now }), creator };
}

async function world() {
  const db = testDb();
  const creator = await createCreator(db);
  const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0 });
  const supporter = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500 });
  const patron = await createTier(db, { creator, name: "Patron", monthlyPrice: 1500 });

  const secrets: Record<string, string> = {};
  const word = canary().slice(0, 20);
  async function gated(name: string, access: "members" | "paid" | "tiers" | "early_access") {
    const secret = canary();
    secrets[name] = secret;
    // Every post shares `word` in its body, so one search term reaches all of them.
    const document = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: `Teaser words for ${name}.` }] },
        { type: "paywallBreak" },
        { type: "paragraph", content: [{ type: "text", text: `${word} ${secret}` }] },
      ],
    };
    return createPost(db, {
      creator,
      title: `Gated ${name}`,
      document,
      access,
      tierIds: access === "tiers" || access === "early_access" ? [patron.id] : [],
      publicAt: access === "early_access" ? new Date(Date.now() + 30 * DAY) : null,
      teaserMode: "auto",
      publish: true,
    });
  }
  const postsByLevel = {
    members: await gated("members", "members"),
    paid: await gated("paid", "paid"),
    tiers: await gated("tiers", "tiers"),
    early: await gated("early", "early_access"),
  };

  const stranger = await createUser(db);
  const freeMember = (await createMembership(db, { tier: free })).user;
  const supporterMember = (await createMembership(db, { tier: supporter })).user;
  const patronMember = (await createMembership(db, { tier: patron })).user;
  // Its period is over and no job has run: access must already be gone.
  const lapsed = (await createMembership(db, { tier: patron, state: "lapsed" })).user;
  const otherCreator = await createCreator(db);

  // Who may not read which post.
  const denied: Record<keyof typeof postsByLevel, Record<string, ViewerLike>> = {
    members: { anonymous: null, stranger, lapsed, otherCreator: otherCreator.user },
    paid: { anonymous: null, stranger, freeMember, lapsed, otherCreator: otherCreator.user },
    tiers: { anonymous: null, stranger, freeMember, supporterMember, lapsed, otherCreator: otherCreator.user },
    early: { anonymous: null, stranger, freeMember, supporterMember, lapsed, otherCreator: otherCreator.user },
  };
  const allowed: Record<keyof typeof postsByLevel, ViewerLike> = {
    members: freeMember,
    paid: supporterMember,
    tiers: patronMember,
    early: patronMember,
  };
  return { creator, posts: postsByLevel, secrets, denied, allowed, word, tiers: { free, supporter, patron } };
}

/** Every URL of the sitemap, from each file its index lists. */
async function sitemapPaths(ctx: ServiceContext): Promise<string[]> {
  const files = await Promise.all((await sitemapFiles(ctx)).map((file) => sitemapFileEntries(ctx, file)));
  return files.flatMap((entries) => (entries ?? []).map((entry) => entry.path));
}

/** Everything each channel returns to `viewer`, as one string to search for canaries. */
async function everyChannel(viewer: ViewerLike, w: Awaited<ReturnType<typeof world>>): Promise<string> {
  const ctx = serviceContext({ viewer });
  const api = createCaller(ctx);
  const outputs: unknown[] = [];
  for (const post of Object.values(w.posts)) {
    outputs.push(await api.post.read.bySlug({ handle: w.creator.handle, slug: post.slug }));
  }
  outputs.push(await api.post.read.byCreator({ creatorId: w.creator.id, limit: 50 }));
  outputs.push(await api.post.read.recent());
  outputs.push(await api.post.search({ q: w.word }));
  outputs.push(await api.post.search({ q: "teaser words" }));
  outputs.push(await creatorFeedXml(ctx, w.creator.handle, ORIGIN));
  outputs.push(await sitemapPaths(ctx));
  return JSON.stringify(outputs);
}

describe("gated bodies never leave through any channel", () => {
  let shared: Promise<Awaited<ReturnType<typeof world>>> | null = null;
  const sharedWorld = () => (shared ??= world());

  for (const level of ["members", "paid", "tiers", "early"] as const) {
    it(`keeps the ${level} post's canary from every viewer without access, on every channel`, async () => {
      const w = await sharedWorld();
      const secret = w.secrets[level]!;
      for (const [name, viewer] of Object.entries(w.denied[level])) {
        const seen = await everyChannel(viewer, w);
        expect(seen, `${level} post leaked to ${name}`).not.toContain(secret);
        // Not an empty answer: the teaser and title are there.
        expect(seen, `${level} post teaser for ${name}`).toContain(`Teaser words for ${level}.`);
        expect(await readablePostIds(serviceContext({ viewer }), [w.posts[level].id]), `${level} media for ${name}`).toEqual(new Set());
      }
    }, 60_000);
  }

  it("gives the body to viewers with access through the same channels", async () => {
    const w = await world();
    for (const [level, viewer] of Object.entries(w.allowed)) {
      const api = createCaller(serviceContext({ viewer }));
      const post = w.posts[level as keyof typeof w.posts];
      const read = await api.post.read.bySlug({ handle: w.creator.handle, slug: post.slug });
      expect(read?.html, level).toContain(w.secrets[level]);
      expect(read).toMatchObject({ locked: false, teaserHtml: null, joinTier: null });
      const hits = (await api.post.search({ q: w.word })).posts;
      expect(hits.find((h) => h.id === post.id)?.snippet, `${level} snippet`).toContain(w.word);
    }
  });

  it("never finds a gated post by a word of its body for a viewer without access", async () => {
    const w = await world();
    const hits = (await createCaller(serviceContext()).post.search({ q: w.secrets.paid! })).posts;
    expect(hits).toEqual([]);
  });

  it("keeps the public feed and sitemap anonymous even for a reader who has access", async () => {
    const w = await world();
    const feed = await creatorFeedXml(serviceContext({ viewer: w.allowed.paid }), w.creator.handle, ORIGIN);
    expect(feed).not.toContain(w.secrets.paid);
    expect(feed).toContain(`${ORIGIN}/${w.creator.handle}/join`);
  });
});

describe("search", () => {
  it("matches and ranks a post the viewer cannot read by its public text only, and by its body for a reader", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const member = (await createMembership(db, { tier: await createTier(db, { creator, monthlyPrice: 500 }) })).user;
    const word = canary().slice(0, 24);
    const loudTeaser = await createPost(db, { creator, title: "Loud teaser", document: docWithPaywall(`${word} ${word} ${word} ${word}`, "Quiet inside."), access: "paid", publish: true });
    const loudBody = await createPost(db, { creator, title: "Loud body", document: docWithPaywall(word, Array(20).fill(word).join(" ")), access: "paid", publish: true });
    const search = async (viewer: ViewerLike) => (await createCaller(serviceContext({ viewer })).post.search({ q: word })).posts;

    const anonymous = await search(null);
    expect(anonymous.map((hit) => hit.id)).toEqual([loudTeaser.id, loudBody.id]);
    expect(anonymous.find((hit) => hit.id === loudBody.id)?.snippet).toBe(word);
    const reader = await search(member);
    expect(reader.map((hit) => hit.id)).toEqual([loudBody.id, loudTeaser.id]);
    expect(reader.find((hit) => hit.id === loudBody.id)?.snippet).toContain(`${word} ${word} ${word}`);
  });
});

describe("what a locked post shows", () => {
  it("shows the teaser, a lock and the cheapest tier that unlocks it", async () => {
    const w = await world();
    const api = createCaller(serviceContext());
    const members = await api.post.read.bySlug({ handle: w.creator.handle, slug: w.posts.members.slug });
    expect(members).toMatchObject({ locked: true, html: null, teaserHtml: "<p>Teaser words for members.</p>", joinTier: { name: "Friends", priceLabel: "Free" } });
    const paid = await api.post.read.bySlug({ handle: w.creator.handle, slug: w.posts.paid.slug });
    expect(paid?.joinTier).toMatchObject({ name: "Supporter", priceLabel: "$5" });
    const cards = await api.post.read.byCreator({ creatorId: w.creator.id, limit: 50 });
    expect(cards.find((c) => c.id === w.posts.tiers.id)).toMatchObject({ locked: true, excerpt: "Teaser words for tiers.", joinTier: { name: "Patron" } });
  });

  it("shows no preview when the creator chose none, and the preview text when they wrote one", async () => {
    const w = await world();
    const own = asCreator(w.creator);
    await setPostAccess(own, { postId: w.posts.paid.id, access: "paid", teaserMode: "none" });
    const api = createCaller(serviceContext());
    expect(await api.post.read.bySlug({ handle: w.creator.handle, slug: w.posts.paid.slug })).toMatchObject({ teaserHtml: "", excerpt: "" });
    await setPostAccess(own, { postId: w.posts.paid.id, access: "paid", teaserMode: "custom", previewText: "A <b>taste</b>" });
    expect(await api.post.read.bySlug({ handle: w.creator.handle, slug: w.posts.paid.slug })).toMatchObject({
      teaserHtml: "<p>A &#60;b&#62;taste&#60;/b&#62;</p>",
      excerpt: "A <b>taste</b>",
    });
  });

  it("never shows the start of the body as a teaser when the post has no paywall break", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const secret = canary();
    const post = await createPost(db, { creator, document: docWithText(`First words ${secret}`), access: "paid", publish: true });
    const read = await getReadablePost(serviceContext(), creator.handle, post.slug);
    expect(read).toMatchObject({ locked: true, teaserHtml: "", excerpt: "" });
    expect(JSON.stringify(read)).not.toContain(secret);
  });

  it("stores no body words as the teaser of a gated post without a paywall break, so no channel can show any", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const secret = canary();
    const post = await createPost(db, {
      creator,
      title: "No break here",
      document: docWithText(`Opening words ${secret}.`, `More words ${secret}.`),
      access: "paid",
      teaserMode: "auto",
      previewText: "",
      publish: true,
    });
    // A channel that shows the stored teaser as it is, without asking anything else, shows nothing.
    const [stored] = await db.select({ teaserHtml: posts.teaserHtml, teaserText: posts.teaserText }).from(posts).where(eq(posts.id, post.id));
    expect(stored).toEqual({ teaserHtml: "", teaserText: "" });
    const api = createCaller(serviceContext());
    const seen = JSON.stringify([
      await api.post.read.bySlug({ handle: creator.handle, slug: post.slug }),
      await api.post.read.byCreator({ creatorId: creator.id }),
      await api.post.read.recent(),
      await api.post.search({ q: "opening words" }),
      await creatorFeedXml(serviceContext(), creator.handle, ORIGIN),
    ]);
    expect(seen).toContain("No break here");
    expect(seen).not.toContain(secret);
    expect(seen).not.toContain("Opening words");
    expect((await api.post.search({ q: secret })).posts).toEqual([]);
  });

  it("makes teasers stored before they were final fail closed, by the migration's backfill", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const secret = canary();
    const noBreak = await createPost(db, { creator, document: docWithText(`Opening ${secret}.`), access: "paid", publish: true });
    const withBreak = await createPost(db, { creator, document: docWithPaywall("Free <words> & more.", `Gated ${secret}.`), access: "paid", publish: true });
    const preview = await createPost(db, { creator, document: docWithText(`Opening ${secret}.`), access: "paid", previewText: "A  taste.", publish: true });
    const ids = [noBreak.id, withBreak.id, preview.id];
    const migration = readFileSync(path.resolve(process.cwd(), "db/migrations/0003_public_teaser.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").filter((statement) => statement.includes('UPDATE "posts"'));
    expect(backfill).toHaveLength(2);
    const rows = await db.transaction(async (tx) => {
      // The rows as the code before stored them (the body's excerpt as a teaser, no teaser text), in
      // a table of their own so the shared test database is left alone.
      await tx.execute(sql`create temporary table old_posts on commit drop as select * from ${posts} where ${inArray(posts.id, ids)}`);
      await tx.execute(sql`update old_posts set teaser_text = '', teaser_html = case when id = ${noBreak.id} then '<p>' || excerpt || '</p>' else teaser_html end`);
      for (const statement of backfill) await tx.execute(sql.raw(statement.replaceAll('"posts"', "old_posts")));
      return (await tx.execute(sql`select id, teaser_html, teaser_text from old_posts`)) as unknown as { id: string; teaser_html: string; teaser_text: string }[];
    });
    const byId = new Map(rows.map((row) => [row.id, { html: row.teaser_html, text: row.teaser_text }]));
    expect(byId.get(noBreak.id)).toEqual({ html: "", text: "" });
    expect(byId.get(withBreak.id)).toEqual({ html: "<p>Free &lt;words&gt; &amp; more.</p>", text: "Free <words> & more." });
    expect(byId.get(preview.id)).toEqual({ html: "<p>A  taste.</p>", text: "A taste." });
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it("opens an early-access post to everyone at its date", async () => {
    const w = await world();
    const publicAt = new Date(Date.now() + 30 * DAY);
    const later = serviceContext({ now: new Date(publicAt.getTime() + 1000) });
    const read = await getReadablePost(later, w.creator.handle, w.posts.early.slug);
    expect(read?.html).toContain(w.secrets.early);
  });
});

describe("posts that must look missing", () => {
  it("hides deleted posts from lists, pages, feeds and the sitemap", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Gone soon", publish: true });
    await db.update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, post.id));
    const ctx = serviceContext();
    expect(await getReadablePost(ctx, creator.handle, post.slug)).toBeNull();
    expect(await createCaller(ctx).post.read.byCreator({ creatorId: creator.id })).toEqual([]);
    expect(await creatorFeedXml(ctx, creator.handle, ORIGIN)).not.toContain("Gone soon");
    expect(await sitemapPaths(ctx)).not.toContain(`/${creator.handle}/posts/${post.slug}`);
  });

  it("redirects an old slug to the current one, but not for posts the viewer cannot see", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Renamed", publish: true });
    await db.insert(postSlugs).values({ creatorId: creator.id, slug: "old-name", postId: post.id });
    expect(await findSlugRedirect(serviceContext(), creator.handle, "old-name")).toBe(post.slug);
    const draft = await createPost(db, { creator, title: "Still a draft" });
    await db.insert(postSlugs).values({ creatorId: creator.id, slug: "old-draft", postId: draft.id });
    expect(await findSlugRedirect(serviceContext(), creator.handle, "old-draft")).toBeNull();
    expect(await findSlugRedirect(asCreator(creator), creator.handle, "old-draft")).toBe(draft.slug);
  });
});

describe("old addresses", () => {
  it("redirect to the post's address once it is public, for every slug it had before its first publish", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const own = asCreator(creator);
    const draft = await createDraft(own, { title: "First title" });
    // The slug follows the title, then the creator picks one in the settings.
    const renamed = await savePost(own, { id: draft.id, baseVersion: draft.version, title: "Second title", document: docWithText("Words.") });
    expect(renamed.slug).toBe("second-title");
    await updatePostSettings(own, { id: draft.id, slug: "chosen-address" });

    // Before the first publish the post, and so its old addresses, exist for its creator only.
    expect(await findSlugRedirect(serviceContext(), creator.handle, "first-title")).toBeNull();
    expect(await findSlugRedirect(own, creator.handle, "first-title")).toBe("chosen-address");

    await publishPost(own, { id: draft.id, baseVersion: renamed.version });
    for (const old of ["first-title", "second-title"]) {
      expect(await findSlugRedirect(serviceContext(), creator.handle, old), old).toBe("chosen-address");
    }
    expect(await findSlugRedirect(serviceContext(), creator.handle, "chosen-address")).toBeNull();
    // An old address stays the post's: another post with that title is numbered past it.
    expect((await createDraft(own, { title: "First title" })).slug).toBe("first-title-2");
  });

  it("are the post's own again when it comes back to one, and an untitled placeholder is not kept", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const own = asCreator(creator);
    const untitled = await createDraft(own, { title: "" });
    expect(untitled.slug).toBe("untitled");
    const titled = await savePost(own, { id: untitled.id, baseVersion: untitled.version, title: "Back and forth", document: docWithText("Words.") });
    await updatePostSettings(own, { id: untitled.id, slug: "elsewhere" });
    await updatePostSettings(own, { id: untitled.id, slug: "back-and-forth" });
    const kept = await db.select({ slug: postSlugs.slug }).from(postSlugs).where(eq(postSlugs.postId, untitled.id));
    expect(kept.map((row) => row.slug)).toEqual(["elsewhere"]);
    expect(await findSlugRedirect(own, creator.handle, "back-and-forth")).toBeNull();
    expect(await findSlugRedirect(own, creator.handle, "elsewhere")).toBe(titled.slug);
    // The next new post takes the placeholder address again.
    expect((await createDraft(own, { title: "" })).slug).toBe("untitled");
  });
});

describe("access settings", () => {
  it("refuses another creator's tiers and anyone else's post", async () => {
    const w = await world();
    const other = await createCreator(testDb());
    const ownOther = asCreator(other);
    const foreignTier = await createTier(testDb(), { creator: other, name: "Theirs", monthlyPrice: 100, status: "draft" });
    const error = await caught(
      setPostAccess(asCreator(w.creator), { postId: w.posts.paid.id, access: "tiers", tierIds: [foreignTier.id], teaserMode: "auto" }),
    );
    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "tierIds" });
    expect(await caught(setPostAccess(ownOther, { postId: w.posts.paid.id, access: "public", teaserMode: "auto" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("previews a post as each kind of viewer with the same policy", async () => {
    const w = await world();
    const api = createCaller(asCreator(w.creator));
    const asAnon = await api.post.access.viewAs({ postId: w.posts.paid.id, as: { kind: "anonymous" } });
    expect(JSON.stringify(asAnon)).not.toContain(w.secrets.paid);
    const asFree = await api.post.access.viewAs({ postId: w.posts.members.id, as: { kind: "free" } });
    expect(asFree.html).toContain(w.secrets.members);
    const asSupporter = await api.post.access.viewAs({ postId: w.posts.tiers.id, as: { kind: "tier", tierId: w.tiers.supporter.id } });
    expect(asSupporter).toMatchObject({ html: null, locked: true });
    const asPatron = await api.post.access.viewAs({ postId: w.posts.tiers.id, as: { kind: "tier", tierId: w.tiers.patron.id } });
    expect(asPatron.html).toContain(w.secrets.tiers);
  });
});
