// The editor never loses a word: it autosaves with a visible status, keeps unsaved text on this
// device across a reload, saves what was typed offline once the connection returns, and keeps a
// published post's edits pending until Update.
import { docWithText } from "@/server/testing/documents";
import { expect, test } from "../support/fixtures";

test("autosaves shortly after typing stops and says when", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Autosave", document: docWithText("Start.") });
  await login(page, creator.user);
  await editor.open(post.id);

  await editor.typeAtEnd(" Typed and left alone.");

  await expect(editor.saveStatus).toHaveText(/^Saved \d{1,2}[:.]\d{2}/);
  await page.reload();
  await expect(editor.body).toContainText("Start. Typed and left alone.");
});

test("offers back text that never reached the server after a reload", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Crash", document: docWithText("Saved part.") });
  await login(page, creator.user);
  // Every save fails, as if the tab crashed before it could send anything.
  await page.route("**/api/trpc/post.save**", (route) => route.abort());
  await editor.open(post.id);

  await editor.typeAtEnd(" Words only this device has.");
  await editor.expectSaveStatus("error");
  // Reloaded while saves still fail: a retry of the old page's must not reach the server after all.
  await page.reload();
  await page.unroute("**/api/trpc/post.save**");

  const offer = page.getByRole("alert").filter({ hasText: "This device kept changes" });
  await expect(offer).toBeVisible();
  await expect(editor.body).toHaveText("Saved part.");
  await offer.getByRole("button", { name: "Restore them" }).click();

  await expect(editor.body).toContainText("Saved part. Words only this device has.");
  await editor.expectSaveStatus("saved");
  await page.reload();
  await expect(editor.body).toContainText("Words only this device has.");
  await expect(page.getByText("This device kept changes")).toHaveCount(0);
});

test("keeps what was typed offline and saves it when the connection returns", async ({ page, context, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Train", document: docWithText("Before the tunnel.") });
  await login(page, creator.user);
  await editor.open(post.id);

  await context.setOffline(true);
  await editor.typeAtEnd(" Written in the tunnel.");
  await expect(editor.saveStatus).toHaveText("Offline — kept on this device");

  await context.setOffline(false);
  await editor.expectSaveStatus("saved");
  await page.reload();
  await expect(editor.body).toContainText("Before the tunnel. Written in the tunnel.");
});

test("keeps a published post's edits pending until Update", async ({ page, browser, baseURL, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Live", document: docWithText("The published words."), publish: true });
  await login(page, creator.user);
  await editor.open(post.id);
  const reader = await browser.newContext({ baseURL });
  const readerPage = await reader.newPage();
  const publicPath = `/${creator.handle}/posts/${post.slug}`;

  try {
    await editor.typeAtEnd(" A correction.");
    await editor.expectSaveStatus("saved");
    const pending = page.getByRole("status").filter({ hasText: "Unpublished changes" });
    await expect(pending).toBeVisible();
    await readerPage.goto(publicPath);
    await expect(readerPage.getByRole("article")).not.toContainText("A correction.");

    await pending.getByRole("button", { name: "Update" }).click();
    await expect(page.getByText("Unpublished changes")).toHaveCount(0);
    await readerPage.goto(publicPath);
    await expect(readerPage.getByRole("article")).toContainText("The published words. A correction.");
  } finally {
    await reader.close();
  }
});
