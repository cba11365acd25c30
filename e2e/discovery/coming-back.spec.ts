// Coming back: a fan who signs in from the header lands on their home feed, never on creator
// setup they did not ask for; a lapsed member is offered their old tier back on the creator's
// page and on their memberships page.
import { expect, test } from "../support/fixtures";

test("signing in from the header leads a fan home, not to creator setup", async ({ page, users }) => {
  const fan = await users.create({ name: "Header Fan" });
  await page.goto("/explore");
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email", { exact: true }).fill(fan.email);
  await page.getByLabel("Password", { exact: true }).fill(fan.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: "Your feed" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Set up your creator page" })).toHaveCount(0);
});

test("a lapsed member is offered their old tier back", async ({ page, users, tiers, memberships, login }) => {
  const creator = await users.createCreator({ displayName: "Rhea Returns" });
  await tiers.create({ creator, name: "Friends", monthlyPrice: 0 });
  const supporter = await tiers.create({ creator, name: "Supporter", monthlyPrice: 500 });
  const fan = await users.create({ name: "Lapsed Fan" });
  await memberships.create({ tier: supporter, user: fan, state: "lapsed" });
  await login(page, fan);

  await page.goto(`/${creator.handle}`);
  const rejoin = page.getByRole("link", { name: "Rejoin Supporter" });
  await expect(rejoin).toHaveAttribute("href", `/${creator.handle}/join?tier=${supporter.id}`);

  await page.goto("/account/memberships");
  await expect(page.getByText("You have no current memberships.")).toBeVisible();
  const past = page.getByRole("region", { name: "Past memberships" });
  await expect(past.getByRole("link", { name: "Rhea Returns" })).toBeVisible();
  await past.getByRole("link", { name: "Rejoin Supporter" }).click();
  await expect(page).toHaveURL(new RegExp(`/${creator.handle}/join\\?tier=${supporter.id}$`));
});

test("the header's search box, there at phone width too, finds a post", async ({ page, users, posts }) => {
  const creator = await users.createCreator({ displayName: "Vera Findable" });
  const word = `lighthouse${Date.now().toString(36)}`;
  await posts.create({ creator, title: `Notes on the ${word}`, publish: true });
  for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(size);
    await page.goto(`/${creator.handle}`);
    const box = page.getByRole("banner").getByRole("searchbox", { name: "Search Atelier" });
    await expect(box).toBeVisible();
    await box.fill(word);
    await box.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}$`));
    await expect(page.getByRole("link", { name: `Notes on the ${word}` })).toBeVisible();
  }
});
