// The editor, its dialogs and the studio's menus by keyboard alone: Tab reaches each control,
// Enter works it, the arrow keys move along the formatting toolbar, and Escape closes what was
// opened and gives the focus back to where it was.
import type { Locator, Page } from "@playwright/test";
import { docWithText } from "@/server/testing/documents";
import { expect, test, uniqueToken } from "../support/fixtures";

/** Presses Tab (Shift+Tab with `backwards`) until `target` has the focus; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, { backwards = false, most = 60 } = {}) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `not reached with ${most} presses of ${backwards ? "Shift+Tab" : "Tab"}`).toBeFocused();
}

test("the formatting toolbar is one Tab stop, walked with the arrow keys, and Escape goes back to the text", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: `Kiln notes ${uniqueToken()}`, document: docWithText("First firing") });
  await login(page, creator.user);
  await editor.open(post.id);
  const { body, toolbar, title } = editor;
  const button = (name: string) => toolbar.getByRole("button", { name });

  // From the title, Tab enters the toolbar once, and the next Tab is the text.
  await title.focus();
  await page.keyboard.press("Tab");
  await expect(button("Heading 2 (H2)")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(button("Heading 3 (H3)")).toBeFocused();
  await page.keyboard.press("End");
  await expect(button("Keyboard shortcuts")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(button("Heading 2 (H2)")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(body).toBeFocused();

  // Back into the toolbar where it was left; Enter formats the line the caret is on.
  await page.keyboard.press("Shift+Tab");
  await expect(button("Heading 2 (H2)")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(body.getByRole("heading", { level: 2, name: "First firing" })).toBeVisible();
  await expect(body).toBeFocused();

  // Escape from the toolbar returns to the text.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("ArrowRight");
  await expect(button("Heading 3 (H3)")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(body).toBeFocused();

  // The "/" menu: the text names the chosen entry while the arrows move through the list.
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("/quo");
  const menu = page.getByRole("listbox", { name: "Insert block" });
  await expect(menu).toBeVisible();
  const chosen = await body.getAttribute("aria-activedescendant");
  await expect(menu.locator(`[id="${chosen}"]`)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await expect(body.locator("blockquote")).toHaveCount(1);
  await expect(body).not.toHaveAttribute("aria-activedescendant");
});

test("the editor's dialogs open with Enter, close with Escape and give the focus back", async ({ page, users, posts, login, editor }) => {
  // Four dialogs, each reached key by key.
  test.slow();
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: `Glaze tests ${uniqueToken()}` });
  await login(page, creator.user);
  await editor.open(post.id);

  for (const [name, dialog] of [
    ["Settings", "Post settings"],
    ["History", "History"],
    ["Schedule", "Schedule this post"],
    ["Publish", /^Publish “/],
  ] as const) {
    const opener = page.getByRole("button", { name, exact: true });
    await editor.title.focus();
    await tabTo(page, opener, { backwards: true });
    await page.keyboard.press("Enter");
    const opened = page.getByRole("dialog", { name: dialog });
    await expect(opened).toBeVisible();
    await expect(opened.locator(":focus")).toHaveCount(1);
    await page.keyboard.press("Escape");
    await expect(opened).toHaveCount(0);
    await expect(opener).toBeFocused();
  }
});

test("a post's actions menu in the library opens, is walked and closes by keyboard", async ({ page, users, posts, login }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: `Bowl series ${uniqueToken()}` });
  await login(page, creator.user);
  await page.goto("/studio/posts");

  const more = page.getByRole("button", { name: `More actions for “${post.title}”` });
  await tabTo(page, more);
  await page.keyboard.press("Enter");
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Archive" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await expect(more).toBeFocused();

  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Duplicate as draft" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText(`A copy of “${post.title}” is in your drafts.`)).toBeVisible();
  await expect(more).toHaveAttribute("aria-expanded", "false");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the editor's folded actions work by keyboard, and a dialog gives the focus back to them", async ({ page, users, posts, login, editor }) => {
    const creator = await users.createCreator();
    const post = await posts.create({ creator, title: `Small jars ${uniqueToken()}` });
    await login(page, creator.user);
    await editor.open(post.id);

    const more = page.getByRole("button", { name: "More" });
    await editor.title.focus();
    await tabTo(page, more, { backwards: true });
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByRole("button", { name: "Settings", exact: true }));
    await page.keyboard.press("Enter");
    const settings = page.getByRole("dialog", { name: "Post settings" });
    await expect(settings).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(settings).toHaveCount(0);
    await expect(more).toBeFocused();
    await expect(more).toHaveAttribute("aria-expanded", "false");
  });
});
