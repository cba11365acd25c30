// Who can read each post is visible: the library shows it on every row, with the tiers, and
// filters by it (kept in the URL like the other filters); the editor's header shows it, one click
// from the settings that change it, and those settings save with one button.
import { expect, test, uniqueToken } from "../support/fixtures";

test("the library shows who can read each post and filters by it", async ({ page, users, posts, tiers, login }) => {
  const creator = await users.createCreator();
  const silver = await tiers.create({ creator, name: "Silver", monthlyPrice: 500 });
  const gold = await tiers.create({ creator, name: "Gold", monthlyPrice: 1500 });
  const token = uniqueToken();
  const open = await posts.create({ creator, title: `Open letter ${token}`, publish: true });
  const members = await posts.create({ creator, title: `Members' notes ${token}`, access: "members" });
  const chosen = await posts.create({ creator, title: `Tier talk ${token}`, access: "tiers", tierIds: [gold.id, silver.id] });
  await login(page, creator.user);
  await page.goto("/studio/posts");

  const row = (title: string) => page.getByRole("listitem").filter({ hasText: title });
  await expect(row(open.title)).toContainText("Who can read: Public");
  await expect(row(members.title)).toContainText("Who can read: All members");
  await expect(row(chosen.title)).toContainText("Who can read: Silver or Gold");

  await page.getByLabel("Who can read").selectOption({ label: "Selected tiers" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/access=tiers/);
  await expect(row(chosen.title)).toBeVisible();
  await expect(page.getByText(open.title)).toHaveCount(0);
  await expect(page.getByText(members.title)).toHaveCount(0);

  // The other controls keep it: a status tab, and a reload.
  await page.getByRole("link", { name: /^Drafts/ }).click();
  await expect(page).toHaveURL(/status=draft/);
  await expect(page).toHaveURL(/access=tiers/);
  await page.reload();
  await expect(page.getByLabel("Who can read")).toHaveValue("tiers");
  await expect(row(chosen.title)).toBeVisible();
  await expect(page.getByText(members.title)).toHaveCount(0);
});

test("the editor's header shows who can read the post, one click from one settings save", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: `Workshop diary ${uniqueToken()}`, access: "members" });
  await login(page, creator.user);
  await editor.open(post.id);

  const readers = page.getByRole("button", { name: /^Who can read:/ });
  await expect(readers).toHaveText(/Who can read:\s*All members/);
  await readers.click();
  const settings = page.getByRole("dialog", { name: "Post settings" });
  await expect(settings.getByRole("radio", { name: /^All members/ })).toBeFocused();

  // One button saves everything, who may comment included.
  await expect(settings.getByRole("radio", { name: "Everyone who can read the whole post" })).toBeChecked();
  await expect(settings.getByRole("button", { name: /^Save/ })).toHaveCount(1);
  await settings.getByRole("radio", { name: /^Paid members/ }).check();
  await settings.getByLabel("Tags").fill("Kiln log");
  await settings.getByRole("radio", { name: "Only members of a paid tier" }).check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await settings.getByRole("button", { name: "Close" }).click();
  await expect(readers).toHaveText(/Who can read:\s*Paid members/);

  await page.reload();
  await expect(readers).toHaveText(/Who can read:\s*Paid members/);
  const reopened = await editor.openSettings();
  await expect(reopened.getByRole("radio", { name: /^Paid members/ })).toBeChecked();
  await expect(reopened.getByLabel("Tags")).toHaveValue("Kiln log");
  await expect(reopened.getByRole("radio", { name: "Only members of a paid tier" })).toBeChecked();
});
