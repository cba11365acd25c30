// Dates and states read the same everywhere: a date's text in the server's HTML is the text the
// page shows once JavaScript has run (in a browser set to another language and zone than the
// server's), the studio learns the creator's zone and renders in it from then on, and the fan and
// the creator use the same word for the same membership state.
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { posts as postsTable } from "@/db/schema";
import { expect, test, uniqueToken } from "../support/fixtures";

const ZONE = "America/New_York";
test.use({ locale: "en-US", timezoneId: ZONE });

function decode(html: string): string {
  return html.replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/<!-- -->/g, "");
}

/** Goes to `path`; returns the dates' texts in the server's HTML and, once React owns them, on the page. */
async function datesBeforeAndAfterHydration(page: Page, path: string) {
  const response = await page.goto(path);
  const html = await response!.text();
  const server = [...html.matchAll(/<time dateTime="[^"]+"[^>]*>(.*?)<\/time>/gi)].map((match) => decode(match[1]!));
  // Hydrated: React has attached itself to the first date element.
  await page.waitForFunction(() => {
    const time = document.querySelector("time");
    return time !== null && Object.keys(time).some((key) => key.startsWith("__reactFiber"));
  });
  return { server, hydrated: await page.locator("time").allTextContents() };
}

/** "5 Mar 2027, 09:07" as a clock in `zone` shows `date`. */
function wallText(date: Date, zone: string): string {
  const part = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute}`;
}

test("a date reads the same before and after JavaScript loads, and the studio then uses the creator's zone", async ({
  page,
  context,
  users,
  posts,
  login,
  db,
}) => {
  const creator = await users.createCreator();
  const at = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 5, 14, 7));
  const post = await posts.create({ creator, title: `Spring sale ${uniqueToken()}` });
  // A post scheduled far ahead, so the job runner leaves it be while the page shows when it goes out.
  await db.update(postsTable).set({ status: "scheduled", scheduledAt: at }).where(eq(postsTable.id, post.id));
  await login(page, creator.user);

  const first = await datesBeforeAndAfterHydration(page, "/studio/posts");
  expect(first.server.length).toBeGreaterThan(0);
  expect(first.hydrated).toEqual(first.server);
  // The zone is not known yet on a first visit: the time says which zone it is in.
  expect(first.hydrated).toContain(`${wallText(at, "UTC")} UTC`);

  // The page told the server the browser's zone; from the next page on, dates are in it.
  await expect.poll(async () => (await context.cookies()).find((cookie) => cookie.name === "atelier-tz")?.value).toBe(ZONE);
  const next = await datesBeforeAndAfterHydration(page, "/studio/posts");
  expect(next.hydrated).toEqual(next.server);
  expect(next.hydrated).toContain(wallText(at, ZONE));
});

test("a fan's published date and membership end read the same before and after JavaScript loads", async ({
  page,
  users,
  posts,
  tiers,
  memberships,
  login,
}) => {
  const creator = await users.createCreator();
  const tier = await tiers.create({ creator, name: "Supporter", monthlyPrice: 500 });
  const post = await posts.create({ creator, title: `Open studio ${uniqueToken()}`, publish: true });
  const fan = await users.create();
  await memberships.create({ tier, user: fan, state: "cancelling" });

  const reader = await datesBeforeAndAfterHydration(page, `/${creator.handle}/posts/${post.slug}`);
  expect(reader.server).toHaveLength(1);
  expect(reader.hydrated).toEqual(reader.server);

  await login(page, fan);
  const account = await datesBeforeAndAfterHydration(page, "/account/memberships");
  expect(account.server.length).toBeGreaterThan(0);
  expect(account.hydrated).toEqual(account.server);
});

test("the fan and the creator call a cancelled membership the same thing", async ({ page, browser, users, tiers, memberships, login }) => {
  const creator = await users.createCreator();
  const tier = await tiers.create({ creator, name: "Supporter", monthlyPrice: 500 });
  const fan = await users.create();
  await memberships.create({ tier, user: fan, state: "cancelling" });

  await login(page, fan);
  await page.goto("/account/memberships");
  const card = page.getByRole("region", { name: `Membership of ${creator.displayName}` });
  await expect(card).toContainText("Cancelled");
  await expect(card).toContainText("Your access ends on");

  const studio = await browser.newContext();
  try {
    const creatorPage = await studio.newPage();
    await login(creatorPage, creator.user);
    await creatorPage.goto("/studio/audience");
    const row = creatorPage.getByRole("row").filter({ hasText: fan.email });
    await expect(row.getByRole("cell").nth(2)).toContainText("Cancelled");
    await expect(row).toContainText("access until");
    await expect(row).not.toContainText("Cancelling");
  } finally {
    await studio.close();
  }
});
