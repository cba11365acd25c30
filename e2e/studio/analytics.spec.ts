// Analytics end to end: an anonymous reader opens a post on the shared (cached) page and reads it
// to the end; once the events are written and rolled up (the job's own function, as its turn every
// five minutes would), the creator's dashboard counts the view and the engaged read, and the posts
// table has them on the post's row. A reader whose browser sends Do-Not-Track is not counted. Feed
// fetches are counted too, though the page cache answers them.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { expect, test } from "../support/fixtures";

/** Events of the creator in the run's database, of one kind or all. */
async function eventCount(db: Db, creatorId: string, kind?: string): Promise<number> {
  const rows = await db.execute(sql`select count(*)::int as n from analytics_events where creator_id = ${creatorId} and (${kind ?? null}::text is null or kind::text = ${kind ?? null})`);
  return ((rows as unknown as { rows?: { n: number }[] }).rows ?? (rows as unknown as { n: number }[]))[0]!.n;
}

const DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

test("a reader's view and engaged read reach the creator's dashboard", async ({ browser, page, users, posts, login, db }) => {
  const creator = await users.createCreator({ displayName: "Rhea Counts" });
  const post = await posts.create({ creator, title: "Counted without cookies", publish: true });

  const reader = await browser.newContext({ userAgent: DESKTOP_CHROME });
  const declining = await browser.newContext({ userAgent: DESKTOP_CHROME, extraHTTPHeaders: { DNT: "1" } });
  for (const context of [reader, declining]) {
    const tab = await context.newPage();
    let beacons = 0;
    tab.on("requestfinished", (request) => {
      if (new URL(request.url()).pathname === "/api/events") beacons += 1;
    });
    await tab.goto(`/${creator.handle}/posts/${post.slug}`);
    await expect(tab.getByRole("heading", { level: 1, name: "Counted without cookies" })).toBeVisible();
    // The view, then the engaged read: the short post is read to its end once it has been on screen a moment.
    await expect.poll(() => beacons).toBe(2);
    // The cookie jar stays empty: counting a reader sets nothing in their browser.
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }

  // The server writes beacons in batches about a second apart.
  await expect.poll(() => eventCount(db, creator.id)).toBe(2);
  const { rollUpAnalytics } = await import("@/server/services/analytics/rollup");
  await rollUpAnalytics(db);

  await login(page, creator.user);
  await page.goto("/studio/analytics?range=7d");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Views 1\b/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Engaged reads 1\b/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Visitors 1\b/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Direct 1 100%/ })).toBeVisible();

  await page.getByRole("navigation", { name: "Analytics" }).getByRole("link", { name: "Posts" }).click();
  const row = page.getByRole("row", { name: /Counted without cookies/ });
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await expect(row.getByRole("cell").nth(4)).toHaveText("1");
  await expect(row.getByRole("cell").nth(5)).toHaveText("100%");

  await row.getByRole("link", { name: "Counted without cookies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Counted without cookies" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Views 1$/ })).toBeVisible();
});

test("each fetch of a creator's feed is counted, cached or not, and its links bring readers in as from the feed", async ({ request, users, posts, db }) => {
  const creator = await users.createCreator({ displayName: "Sol Feeds" });
  const post = await posts.create({ creator, title: "In your reader", publish: true });
  for (let fetch = 0; fetch < 3; fetch++) {
    const feed = await request.get(`/${creator.handle}/feed.xml`);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(`/${creator.handle}/posts/${post.slug}?src=feed</link>`);
  }
  await expect.poll(() => eventCount(db, creator.id, "feed_fetch")).toBe(3);
});
