// Two tabs editing one post: the second save is refused, and its writer sees both texts and chooses.
import { docWithText } from "@/server/testing/documents";
import { EditorPage } from "../support/editor";
import { expect, test } from "../support/fixtures";

test("shows both texts and keeps mine, with theirs kept in the history", async ({ context, users, posts, login }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Shared", document: docWithText("The original.") });
  const tabA = await context.newPage();
  await login(tabA, creator.user);
  const editorA = await new EditorPage(tabA).open(post.id);
  const editorB = await new EditorPage(await context.newPage()).open(post.id);

  await editorA.replaceText("Tab A's version.");
  await editorA.expectSaveStatus("saved");
  await editorB.replaceText("Tab B's version.");

  const dialog = editorB.page.getByRole("dialog", { name: "This post was changed somewhere else" });
  await expect(dialog).toBeVisible();
  await editorB.expectSaveStatus("conflict");
  await expect(dialog.getByTestId("conflict-theirs")).toContainText("Tab A's version.");
  await expect(dialog.getByTestId("conflict-mine")).toContainText("Tab B's version.");

  await dialog.getByRole("button", { name: "Keep mine" }).click();
  await expect(dialog).toBeHidden();
  await editorB.expectSaveStatus("saved");

  await tabA.reload();
  await expect(editorA.body).toHaveText("Tab B's version.");
  const history = await editorA.openHistory();
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
  const editorA = await new EditorPage(tabA).open(post.id);
  const editorB = await new EditorPage(await context.newPage()).open(post.id);

  await editorA.replaceText("Theirs, saved first.");
  await editorA.expectSaveStatus("saved");
  await editorB.replaceText("Mine, saved second.");
  const dialog = editorB.page.getByRole("dialog", { name: "This post was changed somewhere else" });
  await dialog.getByRole("button", { name: /Keep both/ }).click();

  await expect(dialog).toBeHidden();
  await expect(editorB.body).toHaveText("Theirs, saved first.");
  const notice = editorB.page.getByRole("status").filter({ hasText: "Your version was saved as a new draft" });
  await notice.getByRole("link", { name: "Forked (my copy)" }).click();
  await expect(editorB.body).toHaveText("Mine, saved second.");
});
