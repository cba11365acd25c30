// The history panel: revisions listed with when and why, previewed, compared and restored.
import { docWithText } from "@/server/testing/factories";
import { expect, test } from "../support/fixtures";

test("restores an earlier revision, and the restore is kept as a revision too", async ({ page, users, posts, login }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Essay", document: docWithText("") });
  await login(page, creator.user);
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`/studio/posts/${post.id}`);
  const body = page.getByRole("textbox", { name: "Post body" });
  const status = page.locator("[data-save-state]");

  await body.click();
  await page.keyboard.type("The first idea, kept.");
  await page.keyboard.press("ControlOrMeta+s");
  await expect(status).toHaveAttribute("data-save-state", "saved");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("A second thought.");
  await page.keyboard.press("ControlOrMeta+s");
  await expect(status).toHaveAttribute("data-save-state", "saved");

  await page.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("dialog", { name: "History" });
  const revisions = history.getByRole("navigation", { name: "Revisions" }).getByRole("button");
  await expect(revisions).toHaveCount(2);
  await expect(revisions.first()).toContainText("Saved");
  await revisions.last().click();
  await expect(history.getByRole("article")).toContainText("The first idea, kept.");

  await history.getByRole("tab", { name: "Changes" }).click();
  const changes = history.getByTestId("revision-changes");
  await expect(changes.locator("del").first()).toBeVisible();
  await expect(changes.locator("ins").first()).toBeVisible();
  await expect(changes).toContainText("second");
  await expect(changes).toContainText("first");

  await history.getByRole("button", { name: "Restore this version" }).click();
  await expect(history).toBeHidden();
  await expect(body).toHaveText("The first idea, kept.");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Post body" })).toHaveText("The first idea, kept.");

  await page.getByRole("button", { name: "History" }).click();
  await expect(revisions).toHaveCount(3);
  await expect(revisions.first()).toContainText("Restored");
});
