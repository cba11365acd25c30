// Search in the browser: from the header's box on any page, a creator's name typed with a typo
// finds them, their page a click away; narrowed to them, their posts are found by their words; sorting by date and a filter keep
// the words; a stranger's results never quote a member's words.
import { docWithPaywall, docWithText } from "@/server/testing/documents";
import { expect, test, uniqueToken } from "../support/fixtures";

test("a typo in the header's search finds the creator, and their posts narrow to them", async ({ page, users, posts, tiers }) => {
  const token = uniqueToken().slice(0, 6);
  const creator = await users.createCreator({ displayName: `Marigold Kiln ${token}`, handle: `marigold-${token}` });
  await tiers.create({ creator, name: "Studio pass", monthlyPrice: 500 });
  const secret = `kilnsecret${token}`;
  const open = await posts.create({ creator, title: `Glaze tests ${token}`, document: docWithText(`Firing notes ${token}: cone six.`), publish: true });
  await posts.create({ creator, title: `Members' glaze recipes ${token}`, document: docWithPaywall(`The recipes ${token}.`, `${secret} ash glaze`), access: "paid", publish: true });

  await page.goto("/explore");
  const box = page.getByRole("search", { name: "Search Atelier" }).getByRole("searchbox");
  await box.fill(`Marigld Kilm ${token}`);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);

  const creators = page.getByRole("region", { name: "Creators" });
  await expect(creators.getByRole("link", { name: `Marigold Kiln ${token}`, exact: true })).toBeVisible();
  await expect(creators.getByRole("link", { name: `Marigold Kiln ${token}`, exact: true })).toHaveAttribute("href", `/${creator.handle}`);

  // Their posts by their words: the open one, and the locked one by its public words only.
  await page.getByLabel("Creator", { exact: true }).fill(`@${creator.handle}`);
  await page.getByRole("searchbox", { name: "Search creators and posts" }).fill(`glaze ${token}`);
  await page.getByRole("searchbox", { name: "Search creators and posts" }).press("Enter");
  const results = page.getByRole("region", { name: "Posts" });
  await expect(results.getByRole("heading", { level: 3 })).toHaveCount(2);
  await expect(results.getByRole("link", { name: `Glaze tests ${token}` })).toBeVisible();
  await expect(results.getByRole("img", { name: "Members only" })).toHaveCount(1);
  await expect(page.getByText("Join Studio pass to unlock")).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // Newest first, and narrowed to text posts: the words and the creator stay.
  await page.getByRole("combobox", { name: /^Sort by/ }).selectOption("newest");
  await page.getByRole("combobox", { name: /^Type/ }).selectOption("video");
  await page.getByRole("searchbox", { name: "Search creators and posts" }).press("Enter");
  await expect(page).toHaveURL(/sort=newest/);
  await expect(page.getByText(`Posts by Marigold Kiln ${token} (@${creator.handle})`)).toBeVisible();
  await expect(page.getByText(`Nothing found for “glaze ${token}”.`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Search without filters" })).toBeVisible();
  await page.getByRole("combobox", { name: /^Type/ }).selectOption("text");
  await page.getByRole("searchbox", { name: "Search creators and posts" }).press("Enter");
  await expect(results.getByRole("heading", { level: 3 }).first()).toHaveText(new RegExp(`Members' glaze recipes ${token}`));

  // A stranger searching a member's word finds nothing, and is told what to try.
  await page.goto(`/search?q=${secret}`);
  await expect(page.getByText(`Nothing found for “${secret}”.`)).toBeVisible();
  expect(await page.content()).not.toContain(`${secret} ash`);

  await page.goto(`/search?q=${encodeURIComponent(`glaze tests ${token}`)}`);
  await page.getByRole("region", { name: "Posts" }).getByRole("link", { name: `Glaze tests ${token}` }).click();
  await expect(page).toHaveURL(new RegExp(`/${creator.handle}/posts/${open.slug}$`));
});

test("the search box is in the header at phone width, and an empty search says what it finds", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const box = page.getByRole("search", { name: "Search Atelier" }).getByRole("searchbox");
  await expect(box).toBeVisible();
  await page.goto("/search");
  await expect(page.getByText("Find creators by their name or handle, and posts by their words. A small typo is fine.")).toBeVisible();
});
