// Anonymous readers get public pages from the shared page cache (server/cache): rendered once, then
// served to all of them with headers a CDN may keep. Every change a reader could see reaches the
// next anonymous request at once, and nothing personal (a member's full post, a creator's draft,
// a signed-in header) ever lands in the cache. Changes go through the server, as the studio makes
// them: the cache lives in the server's process.
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { docWithPaywall, docWithText } from "@/server/testing/documents";
import { expect, test } from "../support/fixtures";

/** A reader with no cookies at all; the page's HTML without React's text separators (`<!-- -->`). */
async function anonymous(request: APIRequestContext, path: string): Promise<{ response: APIResponse; text: string }> {
  const response = await request.get(path, { maxRedirects: 0 });
  return { response, text: (await response.text()).replaceAll("<!-- -->", "") };
}

/**
 * Asks until the answer comes from the cache, and checks it says a shared cache may keep it. Asked
 * again at once it normally does; the site's lists (front page, explore) may first be invalidated
 * by what other tests publish meanwhile.
 */
async function cached(request: APIRequestContext, path: string): Promise<string> {
  let last: Awaited<ReturnType<typeof anonymous>> | undefined;
  // STALE: kept past its 10 seconds with nothing changed since; served, and refreshed behind it.
  await expect
    .poll(async () => (last = await anonymous(request, path)).response.headers()["x-nextjs-cache"], { message: `${path} served from the cache`, timeout: 15_000 })
    .toMatch(/^(HIT|STALE)$/);
  const { response, text } = last!;
  expect(response.status(), path).toBe(200);
  expect(response.headers()["cache-control"]).toMatch(/^public, s-maxage=\d+, stale-while-revalidate=\d+/);
  // Kept for everyone, so under the policy without a per-request nonce.
  expect(response.headers()["content-security-policy"]).not.toContain("'nonce-");
  expect(text).not.toContain(" nonce=");
  return text;
}

/** A studio action, as the studio's own client sends it (tRPC over HTTP, signed in on `page`). */
async function studio(page: Page, procedure: string, input: Record<string, unknown>, dates: string[] = [], kind: "mutation" | "query" = "mutation"): Promise<unknown> {
  const meta = dates.length ? { values: Object.fromEntries(dates.map((key) => [key, ["Date"]])) } : undefined;
  const body = { json: input, ...(meta ? { meta } : {}) };
  const headers = { origin: new URL(page.url()).origin };
  const request = page.context().request;
  const response =
    kind === "query"
      ? await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(body))}`, { headers })
      : await request.post(`/api/trpc/${procedure}`, { data: body, headers });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

test.describe("anonymous pages from the shared cache", () => {
  test("are served from the cache to strangers, and per viewer to the signed in", async ({ page, request, users, posts, login }) => {
    const creator = await users.createCreator({ displayName: "Cached Creator" });
    const post = await posts.create({ creator, title: "Cached post", publish: true, document: docWithText("Words for everyone.") });
    const path = `/${creator.handle}/posts/${post.slug}`;
    const shared = [path, `/${creator.handle}`, `/${creator.handle}/posts`, `/${creator.handle}/feed.xml`, "/", "/explore", "/sitemap.xml", "/robots.txt"];
    for (const address of shared) await cached(request, address);
    // An older page of the archive is asked for by its cursor: rendered for the request, not kept.
    const older = await anonymous(request, `/${creator.handle}/posts?cursor=not-a-cursor`);
    expect(older.response.status()).toBe(200);
    expect(older.response.headers()["x-nextjs-cache"]).toBeUndefined();
    expect(older.text).toContain("Cached post");

    await login(page, creator.user);
    const signedIn = await page.goto(path);
    expect(signedIn?.headers()["cache-control"]).toMatch(/^private, .*no-store/);
    expect(signedIn?.headers()["x-nextjs-cache"]).toBeUndefined();
    await expect(page.getByRole("link", { name: "Studio" })).toBeVisible();
  });

  test("never hold a member's full view of a gated post, whoever asks first", async ({ page, request, users, posts, tiers, memberships, login }) => {
    const creator = await users.createCreator();
    const tier = await tiers.create({ creator, monthlyPrice: 0, name: "Friends" });
    const post = await posts.create({
      creator,
      title: "Members only",
      access: "members",
      publish: true,
      document: docWithPaywall("The open opening.", "The secret below the break."),
    });
    const fan = await users.create();
    await memberships.create({ user: fan, tier });
    const path = `/${creator.handle}/posts/${post.slug}`;

    await login(page, fan);
    await page.goto(path);
    await expect(page.getByText("The secret below the break.")).toBeVisible();
    const first = await anonymous(request, path);
    expect(first.text).not.toContain("The secret below the break.");
    expect(await cached(request, path)).not.toContain("The secret below the break.");
    // And the other way round: the cached teaser never reaches the member.
    await page.reload();
    await expect(page.getByText("The secret below the break.")).toBeVisible();
  });

  test("never hold a creator's draft or a signed-in header", async ({ page, request, users, posts, login }) => {
    const creator = await users.createCreator();
    await posts.create({ creator, title: "Other post", publish: true });
    const draft = await posts.create({ creator, title: "Unfinished draft", document: docWithText("Draft words.") });
    const draftPath = `/${creator.handle}/posts/${draft.slug}`;

    await login(page, creator.user);
    await page.goto(draftPath);
    await expect(page.getByText("Draft words.")).toBeVisible();
    await page.goto(`/${creator.handle}`);
    await expect(page.getByRole("link", { name: "Studio" })).toBeVisible();

    expect((await anonymous(request, draftPath)).response.status()).toBe(404);
    const page2 = await cached(request, `/${creator.handle}`);
    expect(page2).toContain("Sign in");
    expect(page2).not.toContain(">Studio<");
    expect(page2).not.toContain("Unfinished draft");
  });
});

test.describe("every change reaches the next anonymous reader", () => {
  test("publish, update, access and teaser changes, unpublish and trash", async ({ page, request, users, posts, tiers, login }) => {
    const creator = await users.createCreator();
    const tier = await tiers.create({ creator, monthlyPrice: 500, name: "Supporters" });
    await login(page, creator.user);
    await page.goto("/studio");
    const creatorPage = `/${creator.handle}`;
    const draft = await posts.create({ creator, title: "Fresh from the press", document: docWithText("First words.") });
    expect(await cached(request, creatorPage)).not.toContain("Fresh from the press");
    expect(await cached(request, `${creatorPage}/posts`)).not.toContain("Fresh from the press");
    const home = await cached(request, "/");

    const published = (await studio(page, "post.publish", { id: draft.id, baseVersion: draft.version })) as { version: number; slug: string };
    const path = `/${creator.handle}/posts/${published.slug}`;
    expect((await anonymous(request, creatorPage)).text).toContain("Fresh from the press");
    expect((await anonymous(request, `${creatorPage}/posts`)).text).toContain("Fresh from the press");
    expect((await anonymous(request, "/")).text).not.toBe(home);
    expect((await anonymous(request, "/")).text).toContain("Fresh from the press");
    expect(await cached(request, path)).toContain("First words.");

    // Update: pending changes go live.
    const saved = (await studio(page, "post.save", {
      id: draft.id,
      baseVersion: published.version,
      title: "Fresh from the press",
      document: docWithText("Second words."),
      reason: "manual",
    })) as { version: number };
    expect((await anonymous(request, path)).text).toContain("First words.");
    const updated = (await studio(page, "post.update", { id: draft.id, baseVersion: saved.version })) as { version: number };
    expect((await anonymous(request, path)).text).toContain("Second words.");

    // Access: paid members only, with a custom teaser.
    await cached(request, path);
    await studio(page, "post.access.set", {
      postId: draft.id,
      access: "tiers",
      tierIds: [tier.id],
      teaserMode: "custom",
      previewText: "A taste for strangers.",
    });
    const gated = (await anonymous(request, path)).text;
    expect(gated).not.toContain("Second words.");
    expect(gated).toContain("A taste for strangers.");
    expect(gated).toContain("Supporters");

    // Teaser text alone.
    await cached(request, path);
    await studio(page, "post.settings", { id: draft.id, previewText: "A different taste." });
    expect((await anonymous(request, path)).text).toContain("A different taste.");

    // Unpublish: gone from its address and from the creator's page.
    await cached(request, creatorPage);
    await studio(page, "post.lifecycle.unpublish", { id: draft.id, baseVersion: updated.version });
    expect((await anonymous(request, path)).response.status()).toBe(404);
    expect((await anonymous(request, creatorPage)).text).not.toContain("Fresh from the press");

    // Trash: a published post thrown away disappears as well.
    const other = await posts.create({ creator, title: "Soon in the trash", publish: true });
    const otherPath = `/${creator.handle}/posts/${other.slug}`;
    await cached(request, otherPath);
    await studio(page, "post.lifecycle.trash", { id: other.id, baseVersion: other.version });
    expect((await anonymous(request, otherPath)).response.status()).toBe(404);
  });

  test("tier, profile and handle changes", async ({ page, request, users, tiers, posts, login }) => {
    const creator = await users.createCreator({ displayName: "Before Rename" });
    const tier = await tiers.create({ creator, monthlyPrice: 500, name: "Early Birds" });
    const post = await posts.create({ creator, title: "Still here", access: "tiers", tierIds: [tier.id], publish: true });
    await login(page, creator.user);
    await page.goto("/studio");
    const creatorPage = `/${creator.handle}`;
    const postPage = `/${creator.handle}/posts/${post.slug}`;
    expect(await cached(request, creatorPage)).toContain("from $5");
    expect(await cached(request, postPage)).toContain("Early Birds");

    // The tier's name shows on the posts it unlocks, its price on the creator's page.
    await studio(page, "membership.tiers.update", { id: tier.id, name: "Night Owls", monthlyPrice: 700, annualPrice: null, description: "", benefits: [], memberCap: null, coverMediaId: null });
    expect((await anonymous(request, creatorPage)).text).toContain("from $7");
    const renamedTier = (await anonymous(request, postPage)).text;
    expect(renamedTier).toContain("Night Owls");
    expect(renamedTier).not.toContain("Early Birds");

    await cached(request, creatorPage);
    const newHandle = `${creator.handle}-x`;
    await studio(page, "creator.update", { handle: newHandle, displayName: "After Rename", tagline: "", about: "" });
    const old = await anonymous(request, creatorPage);
    expect(old.response.status()).toBe(308);
    expect(old.response.headers()["location"]).toContain(`/${newHandle}`);
    const moved = await anonymous(request, `/${newHandle}`);
    expect(moved.text).toContain("After Rename");
    expect((await anonymous(request, `/${newHandle}/posts/${post.slug}`)).text).toContain("After Rename");
  });

  test("a scheduled post, and an early-access post opening to everyone at its time", async ({ page, request, users, tiers, posts, login }) => {
    test.setTimeout(120_000);
    const creator = await users.createCreator();
    const tier = await tiers.create({ creator, monthlyPrice: 500, name: "Insiders" });
    await login(page, creator.user);
    await page.goto("/studio");
    const creatorPage = `/${creator.handle}`;

    // Set and published through the server: the opening is planned in the cache that serves readers.
    const early = await posts.create({ creator, title: "Insiders first", document: docWithPaywall("Open to all.", "Later for everyone.") });
    await studio(
      page,
      "post.access.set",
      // Far enough ahead that the teaser is surely asked for (twice) before it opens, even on a busy machine.
      { postId: early.id, access: "early_access", tierIds: [tier.id], publicAt: new Date(Date.now() + 20_000).toISOString(), teaserMode: "auto", previewText: "" },
      ["publicAt"],
    );
    const current = (await studio(page, "post.byId", { id: early.id }, [], "query")) as { version: number };
    await studio(page, "post.publish", { id: early.id, baseVersion: current.version });
    const earlyPath = `/${creator.handle}/posts/${early.slug}`;
    expect(await cached(request, earlyPath)).not.toContain("Later for everyone.");

    const scheduled = await posts.create({ creator, title: "Goes out by itself" });
    await cached(request, creatorPage);
    await studio(page, "post.lifecycle.schedule", {
      id: scheduled.id,
      baseVersion: scheduled.version,
      at: new Date(Date.now() + 3_000).toISOString().slice(0, 19),
      timeZone: "UTC",
    });
    // Nothing but the clock and the job runner happen from here on.
    await expect.poll(async () => (await anonymous(request, creatorPage)).text, { timeout: 45_000 }).toContain("Goes out by itself");
    await expect.poll(async () => (await anonymous(request, earlyPath)).text, { timeout: 45_000 }).toContain("Later for everyone.");
  });
});
