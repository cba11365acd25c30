// Explore in the browser: a creator puts their page under a category in Settings and a reader finds
// it on that category's page; a page for adults only stays off explore for anonymous readers and
// fans who did not ask, and appears once a fan says they are 18 or older and want to see such pages.
import { expect, test } from "../support/fixtures";

const unique = () => Math.random().toString(36).slice(2, 7);

test("a creator picks a category in Settings, and the category's page lists them", async ({ page, browser, users, posts, login }) => {
  // Names of this run's own: the category's page lists earlier runs' creators too.
  const name = `Ilse Lightbox ${unique()}`;
  const title = `Contact sheets from March ${unique()}`;
  const creator = await users.createCreator({ displayName: name });
  await posts.create({ creator, title, publish: true });
  await login(page, creator.user);
  await page.goto("/studio/settings");
  const listing = page.getByRole("form", { name: "Explore and language" });
  // Chosen and saved again should the first try land before the page's script took over (another
  // choice first: choosing what the box already shows would change nothing the script sees).
  await expect(async () => {
    await listing.getByLabel("Category").selectOption({ label: "Games" });
    await listing.getByLabel("Category").selectOption({ label: "Photography" });
    await listing.getByRole("button", { name: "Save", exact: true }).click({ timeout: 2000 });
    await expect(listing.getByRole("button", { name: "Saved", exact: true })).toBeVisible({ timeout: 2000 });
  }).toPass();

  // A reader without an account gets the shared page, refreshed by the change.
  const reader = await browser.newPage();
  await reader.goto("/explore");
  await reader.getByRole("navigation", { name: "Categories" }).first().getByRole("link", { name: "Photography" }).click();
  await expect(reader).toHaveURL(/\/explore\/photography$/);
  await expect(reader.getByRole("heading", { level: 1, name: "Photography" })).toBeVisible();
  const creators = reader.getByRole("region", { name: "Creators" });
  await expect(creators.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(reader.getByRole("region", { name: "New posts" }).getByRole("link", { name: title })).toBeVisible();
  await reader.close();
});

test("a page for adults only is hidden from explore until a signed-in fan opts in", async ({ page, browser, users, posts, login, db }) => {
  const name = `Nocturne Ink ${unique()}`;
  const title = `After hours, panel one ${unique()}`;
  const creator = await users.createCreator({ displayName: name });
  const { updateCreatorListing } = await import("@/server/services/creators");
  await updateCreatorListing({ db, viewer: { userId: creator.user.id }, now: new Date() }, { category: "comics", adultsOnly: true, language: "english" });
  await posts.create({ creator, title, publish: true });

  const anonymous = await browser.newPage();
  await anonymous.goto("/explore/comics");
  await expect(anonymous.getByRole("heading", { level: 1, name: "Comics" })).toBeVisible();
  await expect(anonymous.getByRole("link", { name, exact: true })).toHaveCount(0);
  await expect(anonymous.getByRole("link", { name: title })).toHaveCount(0);
  await anonymous.goto("/explore");
  await expect(anonymous.getByRole("link", { name: title })).toHaveCount(0);
  // Reached by its address, the page is there like every other.
  await anonymous.goto(`/${creator.handle}`);
  await expect(anonymous.getByRole("heading", { level: 1, name })).toBeVisible();
  await anonymous.close();

  const fan = await users.create({ name: "Grown Reader" });
  await login(page, fan);
  await page.goto("/explore/comics");
  await expect(page.getByRole("heading", { level: 1, name: "Comics" })).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);

  await page.goto("/account/memberships");
  await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/account\/settings$/);
  const optIn = page.getByRole("checkbox", { name: /Show pages for adults in explore and search/ });
  await expect(optIn).not.toBeChecked();
  // A click before the page's script took over only ticks the box: the page is asked again.
  await expect(async () => {
    await page.reload();
    if (!(await optIn.isChecked())) await optIn.click();
    await expect(page.getByRole("status").filter({ hasText: "Pages for adults are shown." })).toHaveCount(1, { timeout: 2000 });
  }).toPass();
  // Stored, not only ticked: a reload still has it.
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Show pages for adults in explore and search/ })).toBeChecked();

  await page.goto("/explore/comics");
  await expect(page.getByRole("region", { name: "Creators" }).getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "New posts" }).getByRole("link", { name: title })).toBeVisible();
});
