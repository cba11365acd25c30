// The posts library: filters live in the URL and survive a reload; a selection can be tagged and
// archived at once; the trash gives a deleted post back.
import { docWithText } from "@/server/testing/documents";
import { expect, test, uniqueToken } from "../support/fixtures";

test("search and status filters survive a reload, and bulk actions apply to the selection", async ({ page, users, posts, login }) => {
  const creator = await users.createCreator();
  const word = `zeph${uniqueToken()}`;
  const first = await posts.create({ creator, title: `Bread ${word}`, document: docWithText("About sourdough.") });
  const second = await posts.create({ creator, title: "Garden diary", document: docWithText(`Also mentions ${word}.`), publish: true });
  const other = await posts.create({ creator, title: "Unrelated" });
  await login(page, creator.user);

  await page.goto("/studio/posts");
  await page.getByLabel("Search titles and text").fill(word.slice(0, 8));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word.slice(0, 8)}`));
  await expect(page.getByRole("listitem").filter({ hasText: first.title })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: second.title })).toBeVisible();
  await expect(page.getByText(other.title)).toHaveCount(0);

  await page.getByRole("link", { name: /^Drafts/ }).click();
  await expect(page).toHaveURL(/status=draft/);
  await page.reload();
  await expect(page.getByLabel("Search titles and text")).toHaveValue(word.slice(0, 8));
  await expect(page.getByRole("listitem").filter({ hasText: first.title })).toBeVisible();
  await expect(page.getByText(second.title)).toHaveCount(0);

  await page.getByRole("link", { name: /^All/ }).click();
  await page.getByLabel(`Select “${first.title}”`).check();
  await page.getByLabel(`Select “${second.title}”`).check();
  const bulk = page.getByRole("group", { name: "Bulk actions" });
  await expect(bulk).toContainText("2 selected");
  await bulk.getByLabel("Tag to add").fill("Field notes");
  await bulk.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByText("2 posts tagged “Field notes”.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: first.title })).toContainText("Field notes");

  await page.getByLabel(`Select “${first.title}”`).check();
  await page.getByLabel(`Select “${second.title}”`).check();
  await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("2 posts archived.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Archived/ })).toContainText("2");
});

test("a post moved to the trash disappears from the library and can be restored", async ({ page, request, users, posts, login }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: `Keep me ${uniqueToken()}`, publish: true });
  await login(page, creator.user);

  await page.goto("/studio/posts");
  const row = page.getByRole("listitem").filter({ hasText: post.title });
  await row.getByText("More").click();
  await row.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByText(`“${post.title}” is in the trash for 30 days.`)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: post.title })).toHaveCount(0);
  // Readers (a request without the creator's session) no longer find it.
  expect((await request.get(`/${creator.handle}/posts/${post.slug}`)).status()).toBe(404);

  await page.getByRole("link", { name: /^Trash/ }).click();
  const trashed = page.getByRole("listitem").filter({ hasText: post.title });
  await expect(trashed).toContainText("gone for good");
  await trashed.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText(`“${post.title}” is restored and live again.`)).toBeVisible();
  expect((await request.get(`/${creator.handle}/posts/${post.slug}`)).status()).toBe(200);
});
