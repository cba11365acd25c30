// The studio on a phone (390 × 844): the editor shows the text before its controls, every studio
// section stays within reach, the library's filters fold behind one button, and the audience fits
// the screen's width.
import type { Page } from "@playwright/test";
import { docWithText } from "@/server/testing/documents";
import { expect, test, uniqueToken } from "../support/fixtures";

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

/** How far the page scrolls sideways past the screen: 0 when nothing sticks out. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("the editor gives most of the first screen to the post, with its actions one tap away", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({
    creator,
    title: `Notes from the wheel ${uniqueToken()}`,
    document: docWithText("Centering takes longer than throwing.", "Slow the wheel down before you open the clay."),
  });
  await login(page, creator.user);
  await editor.open(post.id);
  await expect(editor.toolbar).toBeVisible();

  // The document (title and text) starts high enough to fill at least 60 % of the screen.
  const title = (await editor.title.boundingBox())!;
  expect((PHONE.height - title.y) / PHONE.height).toBeGreaterThanOrEqual(0.6);
  await expect(editor.body.getByText("Centering takes longer than throwing.")).toBeInViewport();
  // The toolbar is one row that scrolls sideways, not several rows above the text.
  const toolbar = (await editor.toolbar.boundingBox())!;
  expect(toolbar.height).toBeLessThan(60);
  expect(await sidewaysOverflow(page)).toBe(0);

  // Publish stays in sight; the rest waits behind "More".
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeInViewport();
  await expect(page.getByRole("button", { name: "History", exact: true })).toBeHidden();
  await page.getByRole("button", { name: "More" }).click();
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Post settings" })).toBeVisible();
});

test("every studio section can be reached from the tab bar", async ({ page, users, login }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await page.goto("/studio/posts");

  const studio = page.getByRole("navigation", { name: "Studio" });
  for (const section of ["Posts", "Tiers", "Audience", "Analytics", "Settings"]) {
    const tab = studio.getByRole("link", { name: section });
    await tab.scrollIntoViewIfNeeded();
    // Whole, not cut at the screen's edge.
    await expect(tab).toBeInViewport({ ratio: 1 });
  }
  await studio.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/studio\/settings$/);
  await expect(studio.getByRole("link", { name: "Settings" })).toBeInViewport({ ratio: 1 });
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("the library's filters fold behind one button, and the posts come first", async ({ page, users, posts, login }) => {
  const creator = await users.createCreator();
  const token = uniqueToken();
  const open = await posts.create({ creator, title: `Open studio ${token}`, publish: true });
  const members = await posts.create({ creator, title: `Members' glaze notes ${token}`, access: "members" });
  await login(page, creator.user);
  await page.goto("/studio/posts");

  await expect(page.getByLabel("Search titles and text")).toBeVisible();
  await expect(page.getByLabel("Who can read")).toBeHidden();
  await expect(page.getByRole("link", { name: open.title })).toBeInViewport();

  const filters = page.getByRole("button", { name: "Filters" });
  await expect(filters).toHaveAttribute("aria-expanded", "false");
  await filters.click();
  await expect(filters).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("Who can read").selectOption({ label: "All members" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/access=members/);
  await expect(page.getByRole("link", { name: members.title })).toBeVisible();
  await expect(page.getByRole("link", { name: open.title })).toHaveCount(0);
  // Folded again on the new page, and it says how many filters are on.
  await expect(page.getByRole("button", { name: "Filters (1)" })).toHaveAttribute("aria-expanded", "false");
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("the audience fits the screen: one card per member, nothing to scroll sideways", async ({ page, users, tiers, memberships, login }) => {
  const creator = await users.createCreator();
  const tier = await tiers.create({ creator, name: "Studio circle", monthlyPrice: 600 });
  const fan = await users.create({ name: "Bartholomew Featherstonehaugh", email: `bartholomew.featherstonehaugh.${uniqueToken()}@example.test` });
  await memberships.create({ tier, user: fan });
  await memberships.create({ tier, state: "cancelling" });
  await login(page, creator.user);
  await page.goto("/studio/audience");

  const card = page.getByRole("list", { name: "Members" }).getByRole("listitem").filter({ hasText: fan.name! });
  await expect(card).toBeInViewport();
  await expect(card).toContainText("Studio circle");
  await expect(card).toContainText("Active");
  await expect(card).toContainText("paid");
  expect(await sidewaysOverflow(page)).toBe(0);
});
