// A creator schedules a draft from the posts library for a few seconds ahead, in their own time
// zone, and the server's job runner publishes it on its own: readers then find it.
import { eq } from "drizzle-orm";
import { posts as postsTable } from "@/db/schema";
import { expect, test, uniqueToken } from "../support/fixtures";

const ZONE = "Asia/Tokyo";
test.use({ timezoneId: ZONE, locale: "en-US" });

/** The datetime-local value for `date` as a clock in `zone` shows it. */
function wallTime(date: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

test("a scheduled post goes out on its own at the time picked in the creator's zone", async ({ page, request, users, posts, login, db }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: `Morning note ${uniqueToken()}` });
  await login(page, creator.user);

  await page.goto("/studio/posts");
  const row = page.getByRole("listitem").filter({ hasText: post.title });
  await row.getByRole("button", { name: "Schedule…" }).click();
  const dialog = page.getByRole("dialog", { name: "Schedule this post" });
  await expect(dialog.getByLabel(`Publish on (${ZONE} time)`)).toBeVisible();

  // Whole seconds, a few seconds ahead: long enough to see it scheduled first.
  const at = new Date(Math.ceil((Date.now() + 15_000) / 1000) * 1000);
  await dialog.getByLabel(/Publish on/).fill(wallTime(at, ZONE));
  await expect(dialog.getByText(/Goes out .*, your time\./)).toBeVisible();
  await dialog.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText(`“${post.title}” is scheduled.`)).toBeVisible();

  // Stored as the UTC instant of the wall time picked in Tokyo, and shown back in Tokyo time, in
  // Atelier's one date format whatever the browser's language ("2 Dec 2026, 05:00").
  const stored = await db.query.posts.findFirst({ where: eq(postsTable.id, post.id) });
  expect(stored?.scheduledAt?.toISOString()).toBe(at.toISOString());
  const part = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: ZONE, year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  await expect(row).toContainText(`Goes out ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute}`);

  // The job runner in the server publishes it; readers (no session: the creator may preview their
  // own posts) get a 404 until then and the post after.
  const address = `/${creator.handle}/posts/${post.slug}`;
  expect((await request.get(address)).status()).toBe(404);
  await expect
    .poll(async () => (await request.get(address)).status(), { timeout: 45_000, intervals: [500] })
    .toBe(200);
  expect(await (await request.get(address)).text()).toContain(post.title);

  await page.goto("/studio/posts?status=published");
  await expect(page.getByRole("listitem").filter({ hasText: post.title })).toContainText("published");
});
