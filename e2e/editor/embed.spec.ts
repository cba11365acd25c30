// Embedding a video from its link: only the allow-listed providers, built from provider + id;
// anything else is explained next to the box, and readers get the privacy-friendly player.
import { publishFromEditor } from "../support/editor";
import { expect, test } from "../support/fixtures";

test("a creator embeds a YouTube video from its link, and another address is refused in place", async ({ page, users, login, request }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await page.goto("/studio/posts/new");
  await page.getByLabel("Title").fill(`Embed ${Date.now().toString(36)}`);
  const body = page.getByRole("textbox", { name: "Post body" });
  await body.click();
  await page.keyboard.type("Watch this:");

  await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Embed video" }).click();
  const address = page.getByLabel("Video link (YouTube or Vimeo)");
  await address.fill("https://evil.example/watch?v=dQw4w9WgXcQ");
  await address.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "That link is not a YouTube or Vimeo video" })).toBeVisible();
  // Escape closes the form without inserting anything.
  await address.press("Escape");
  await expect(address).toHaveCount(0);
  await expect(body.locator("iframe")).toHaveCount(0);

  await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Embed video" }).click();
  await page.getByLabel("Video link (YouTube or Vimeo)").fill("https://youtu.be/dQw4w9WgXcQ");
  await page.getByRole("button", { name: "Embed", exact: true }).click();

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.locator("[data-save-state]")).toHaveAttribute("data-save-state", "saved");
  const postPath = await publishFromEditor(page, creator.handle);

  const html = await (await request.get(postPath)).text();
  expect(html).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
  expect(html).not.toContain("evil.example");
});
