// The creator's preview of a draft: the text as it is in the editor right now, saved and rendered
// on the server exactly as the public page will render it, while the draft's public address
// stays a 404 for everyone else.
import { expect, test } from "../support/fixtures";

test("a creator previews a draft as readers will see it, and the draft stays hidden", async ({ page, browser, users, login, editor }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await editor.openNew("Before the reveal");
  const { body, toolbar } = editor;

  await body.click();
  await toolbar.getByRole("button", { name: "Heading 2" }).click();
  await page.keyboard.type("Chapter one");
  await page.keyboard.press("Enter");
  await page.keyboard.type("A ");
  await page.keyboard.press("ControlOrMeta+b");
  await page.keyboard.type("bold");
  await page.keyboard.press("ControlOrMeta+b");
  await page.keyboard.type(" word.");
  await page.keyboard.press("Enter");
  await toolbar.getByRole("button", { name: "Spoiler" }).click();
  await page.keyboard.type("The gardener did it.");
  const address = page.getByText(/^Address: \//);
  await expect(address).toBeVisible();
  const draftPath = (await address.innerText()).replace(/^Address:\s*/, "").trim();

  // Typed last and previewed at once, before any autosave: the preview must still show it.
  await page.keyboard.type(" Really.");
  const opened = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = await opened;
  await preview.waitForLoadState();
  expect(new URL(preview.url()).pathname).toMatch(/^\/studio\/posts\/[^/]+\/preview$/);
  await expect(preview.getByRole("note")).toContainText("Only you can see this page.");

  const article = preview.getByRole("article");
  await expect(article.getByRole("heading", { level: 1 })).toHaveText("Before the reveal");
  await expect(article.getByRole("heading", { level: 2 })).toHaveText("Chapter one");
  await expect(article.locator("strong")).toHaveText("bold");
  const previewBody = await article.locator(".prose-post").innerHTML();
  const spoiler = article.locator("details.spoiler");
  await expect(spoiler.locator("summary")).toHaveText("Spoiler: click to reveal");
  await expect(spoiler.getByText("The gardener did it. Really.")).toBeHidden();
  await spoiler.locator("summary").click();
  await expect(spoiler.getByText("The gardener did it. Really.")).toBeVisible();

  // Server-rendered: the HTML the server sends already holds the formatted text.
  const previewHtml = await (await preview.context().request.get(preview.url())).text();
  expect(previewHtml).toContain("<h2>Chapter one</h2>");
  expect(previewHtml).toContain("<strong>bold</strong>");
  expect(previewHtml).toContain("The gardener did it. Really.");

  const visitor = await browser.newContext();
  try {
    const visitorPage = await visitor.newPage();
    const response = await visitorPage.goto(draftPath);
    expect(response?.status()).toBe(404);
    await expect(visitorPage.getByText("Chapter one")).toHaveCount(0);

    // Once published, readers get exactly what the preview showed.
    expect(await editor.publish(creator.handle)).toBe(draftPath);
    const published = await visitorPage.goto(draftPath);
    expect(published?.status()).toBe(200);
    const publicBody = visitorPage.getByRole("article").locator(".prose-post");
    await expect(publicBody).toContainText("Chapter one");
    expect(await publicBody.innerHTML()).toBe(previewBody);
  } finally {
    await visitor.close();
  }
});
