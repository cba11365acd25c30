// The history panel: revisions listed with when and why, previewed, compared and restored.
import { docWithText } from "@/server/testing/documents";
import { expect, test } from "../support/fixtures";

test("restores an earlier revision, and the restore is kept as a revision too", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Essay", document: docWithText("") });
  await login(page, creator.user);
  await editor.open(post.id);

  await editor.typeAtEnd("The first idea, kept.");
  await page.keyboard.press("ControlOrMeta+s");
  await editor.expectSaveStatus("saved");
  await editor.replaceText("A second thought.");
  await page.keyboard.press("ControlOrMeta+s");
  await editor.expectSaveStatus("saved");

  const history = await editor.openHistory();
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
  await expect(editor.body).toHaveText("The first idea, kept.");
  await page.reload();
  await expect(editor.body).toHaveText("The first idea, kept.");

  await editor.openHistory();
  await expect(revisions).toHaveCount(3);
  await expect(revisions.first()).toContainText("Restored");
});
