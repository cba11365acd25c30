// Two tabs editing one post: the second save is refused, and its writer sees both texts and chooses.
import type { Page } from "@playwright/test";
import { docWithText } from "@/server/testing/factories";
import { expect, test } from "../support/fixtures";

async function editorIn(page: Page, postId: string) {
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`/studio/posts/${postId}`);
  const body = page.getByRole("textbox", { name: "Post body" });
  await expect(body).toBeVisible();
  return body;
}

async function replaceBody(page: Page, body: ReturnType<Page["getByRole"]>, text: string) {
  await body.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

test("shows both texts and keeps mine, with theirs kept in the history", async ({ context, users, posts, login }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Shared", document: docWithText("The original.") });
  const tabA = await context.newPage();
  await login(tabA, creator.user);
  const tabB = await context.newPage();
  const bodyA = await editorIn(tabA, post.id);
  const bodyB = await editorIn(tabB, post.id);

  await replaceBody(tabA, bodyA, "Tab A's version.");
  await expect(tabA.locator("[data-save-state]")).toHaveAttribute("data-save-state", "saved");
  await replaceBody(tabB, bodyB, "Tab B's version.");

  const dialog = tabB.getByRole("dialog", { name: "This post was changed somewhere else" });
  await expect(dialog).toBeVisible();
  await expect(tabB.locator("[data-save-state]")).toHaveAttribute("data-save-state", "conflict");
  await expect(dialog.getByTestId("conflict-theirs")).toContainText("Tab A's version.");
  await expect(dialog.getByTestId("conflict-mine")).toContainText("Tab B's version.");

  await dialog.getByRole("button", { name: "Keep mine" }).click();
  await expect(dialog).toBeHidden();
  await expect(tabB.locator("[data-save-state]")).toHaveAttribute("data-save-state", "saved");

  await tabA.reload();
  await expect(tabA.getByRole("textbox", { name: "Post body" })).toHaveText("Tab B's version.");
  await tabA.getByRole("button", { name: "History" }).click();
  const history = tabA.getByRole("dialog", { name: "History" });
  const revisions = history.getByRole("navigation", { name: "Revisions" }).getByRole("button");
  // Tab A's text was replaced, not destroyed: the revision kept just before "Keep mine" holds it.
  await expect(revisions).toHaveCount(3);
  await expect(revisions.first()).toContainText("Saved");
  await revisions.nth(1).click();
  await expect(history.getByRole("article")).toContainText("Tab A's version.");
});

test("keeps both: mine becomes a new draft and the editor takes theirs", async ({ context, users, posts, login }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Forked", document: docWithText("The original.") });
  const tabA = await context.newPage();
  await login(tabA, creator.user);
  const tabB = await context.newPage();
  const bodyA = await editorIn(tabA, post.id);
  const bodyB = await editorIn(tabB, post.id);

  await replaceBody(tabA, bodyA, "Theirs, saved first.");
  await expect(tabA.locator("[data-save-state]")).toHaveAttribute("data-save-state", "saved");
  await replaceBody(tabB, bodyB, "Mine, saved second.");
  const dialog = tabB.getByRole("dialog", { name: "This post was changed somewhere else" });
  await dialog.getByRole("button", { name: /Keep both/ }).click();

  await expect(dialog).toBeHidden();
  await expect(bodyB).toHaveText("Theirs, saved first.");
  const notice = tabB.getByRole("status").filter({ hasText: "Your version was saved as a new draft" });
  await notice.getByRole("link", { name: "Forked (my copy)" }).click();
  await expect(tabB.getByRole("textbox", { name: "Post body" })).toHaveText("Mine, saved second.");
});
