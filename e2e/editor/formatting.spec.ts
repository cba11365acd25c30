// Writing in the editor: formatting from the toolbar and the keyboard, a link through the link
// form, markdown pasted as formatted text; then the published page's HTML carries all of it.
import { expect, test } from "../support/fixtures";

const MARKDOWN = [
  "## Pasted heading",
  "",
  "A **strong** idea with `inline code` and a [docs link](https://example.com/docs).",
  "",
  "- first point",
  "- second point",
  "",
  "> A quoted line",
  "",
  "- [x] finished task",
  "- [ ] open task",
  "",
  "[sneaky](javascript:alert(1))",
].join("\n");

test("a creator formats text and pastes markdown, and readers get it as HTML", async ({ page, users, login, request, editor }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await editor.openNew(`Formatting ${Date.now().toString(36)}`);
  const { body, toolbar } = editor;

  await test.step("format with shortcuts and the toolbar", async () => {
    await body.click();
    await page.keyboard.type("Plain then ");
    await page.keyboard.press("ControlOrMeta+i");
    await page.keyboard.type("slanted");
    await page.keyboard.press("ControlOrMeta+i");
    await page.keyboard.type(" and ");
    await toolbar.getByRole("button", { name: "Underline" }).click();
    await page.keyboard.type("underlined");
    await toolbar.getByRole("button", { name: "Underline" }).click();
    await page.keyboard.press("Enter");

    await toolbar.getByRole("button", { name: "Heading 3" }).click();
    await page.keyboard.type("A smaller heading");
    await page.keyboard.press("Enter");

    // Markdown shortcuts as you type.
    await page.keyboard.type("[ ] pack the kiln");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");

    await page.keyboard.type("Read the manual");
    await page.keyboard.press("Shift+Home");
    await toolbar.getByRole("button", { name: "Link" }).click();
    const address = page.getByLabel("Link address");
    await address.fill("javascript:alert(1)");
    await address.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: "Links must start with" })).toBeVisible();
    await address.fill("example.com/manual");
    await address.press("Enter");
    await expect(body.locator('a[href="https://example.com/manual"]')).toHaveText("Read the manual");
    // The form hands the focus back to the text on the next frame; keys pressed before then go nowhere.
    await expect(body).toBeFocused();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");

    await expect(body.locator("em")).toHaveText("slanted");
    await expect(body.locator("u")).toHaveText("underlined");
    await expect(body.locator("h3")).toHaveText("A smaller heading");
    await expect(body.locator('ul[data-type="taskList"] li > div')).toHaveText("pack the kiln");
  });

  await test.step("paste markdown", async () => {
    await body.evaluate((element, markdown) => {
      const data = new DataTransfer();
      data.setData("text/plain", markdown);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, MARKDOWN);
    await expect(body.locator("h2")).toHaveText("Pasted heading");
    await expect(body.locator("strong")).toHaveText("strong");
    await expect(body.locator("blockquote")).toHaveText("A quoted line");
    await expect(body).not.toContainText("**");
    await expect(body.locator('a[href^="javascript"]')).toHaveCount(0);
  });

  let postPath = "";
  await test.step("save and publish", async () => {
    await editor.save();
    postPath = await editor.publish(creator.handle);
  });

  await test.step("the public page carries the formatting as HTML", async () => {
    const response = await request.get(postPath);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain("<em>slanted</em>");
    expect(html).toContain("<u>underlined</u>");
    expect(html).toContain("<h3>A smaller heading</h3>");
    expect(html).toContain('<a href="https://example.com/manual" rel="noopener noreferrer nofollow">Read the manual</a>');
    expect(html).toMatch(/<ul data-type="taskList"><li data-type="taskItem" data-checked="false"><label><input type="checkbox" disabled="disabled" aria-label="Not done" \/><\/label><div><p>pack the kiln<\/p>/);
    expect(html).toContain("<h2>Pasted heading</h2>");
    expect(html).toContain("A <strong>strong</strong> idea with <code>inline code</code> and a ");
    expect(html).toContain('<a href="https://example.com/docs" rel="noopener noreferrer nofollow">docs link</a>');
    expect(html).toContain("<ul><li><p>first point</p></li><li><p>second point</p></li></ul>");
    expect(html).toContain("<blockquote><p>A quoted line</p></blockquote>");
    expect(html).toContain('data-checked="true"');
    expect(html).toContain("<p>sneaky</p>");
    expect(html).not.toMatch(/javascript:/i);
  });
});
