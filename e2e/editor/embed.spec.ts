// Embedding a video from its link: only the allow-listed providers, built from provider + id;
// anything else is explained next to the box, and readers get the privacy-friendly player.
import { expect, test } from "../support/fixtures";

test("a creator embeds a YouTube video from its link, and another address is refused in place", async ({ page, users, login, request, editor }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await editor.openNew(`Embed ${Date.now().toString(36)}`);
  await editor.typeAtEnd("Watch this:");

  await editor.toolbar.getByRole("button", { name: "Embed video" }).click();
  const address = page.getByLabel("Video link (YouTube or Vimeo)");
  await address.fill("https://evil.example/watch?v=dQw4w9WgXcQ");
  await address.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "That link is not a YouTube or Vimeo video" })).toBeVisible();
  // Escape closes the form without inserting anything.
  await address.press("Escape");
  await expect(address).toHaveCount(0);
  await expect(editor.body.locator("iframe")).toHaveCount(0);

  await editor.toolbar.getByRole("button", { name: "Embed video" }).click();
  await page.getByLabel("Video link (YouTube or Vimeo)").fill("https://youtu.be/dQw4w9WgXcQ");
  await page.getByRole("button", { name: "Embed", exact: true }).click();

  await editor.save();
  const postPath = await editor.publish(creator.handle);

  const html = await (await request.get(postPath)).text();
  expect(html).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
  expect(html).not.toContain("evil.example");
});
