// A gallery edited in place: several images uploaded at once become one gallery, reordered by
// dragging or from the keyboard, described image by image, grown and shrunk; readers get the
// images in the order and with the descriptions the creator left.
import type { Locator } from "@playwright/test";
import type { EditorPage } from "../support/editor";
import { expect, test } from "../support/fixtures";
import { solidPng } from "../support/media";

async function png(name: string, background: string) {
  return { name, mimeType: "image/png", buffer: await solidPng(background, 640, 480) };
}

async function uploadGallery(editor: EditorPage, names: [string, string][]) {
  await editor.insertFiles("image", await Promise.all(names.map(([name, colour]) => png(name, colour))));
  const gallery = editor.body.getByRole("group", { name: `Gallery of ${names.length} images` });
  await expect(gallery).toBeVisible({ timeout: 30_000 });
  return gallery;
}

function order(gallery: Locator): Promise<string[]> {
  return gallery.locator("li[data-media-id]").evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute("data-media-id") ?? ""));
}

test("a creator reorders and describes a gallery, and readers see that order and description", async ({ page, browser, users, login, editor }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await editor.openNew("Three firings");

  const gallery = await uploadGallery(editor, [["first.png", "#c2410c"], ["second.png", "#15803d"], ["third.png", "#1d4ed8"]]);
  const [first, second, third] = await order(gallery);
  expect(new Set([first, second, third]).size).toBe(3);

  await test.step("drag the third image to the front", async () => {
    const thumbnails = gallery.locator("li [draggable=true]");
    await thumbnails.nth(2).dragTo(thumbnails.nth(0));
    await expect.poll(() => order(gallery)).toEqual([third, first, second]);
  });

  await test.step("move one from the keyboard, keeping focus on it", async () => {
    const later = gallery.getByRole("button", { name: "Move image 2 of 3 later" });
    await later.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => order(gallery)).toEqual([third, second, first]);
    // The moved image reached the end: focus stays with it, on the control that still works.
    await expect(gallery.getByRole("button", { name: "Move image 3 of 3 earlier" })).toBeFocused();
    await expect(gallery.getByRole("button", { name: "Move image 3 of 3 later" })).toBeDisabled();
  });

  await gallery.getByLabel("Description (alt text) of image 1 of 3").fill("A blue glaze fresh from the kiln");

  const postPath = await editor.publish(creator.handle);

  const reader = await browser.newContext();
  try {
    const readerPage = await reader.newPage();
    await readerPage.goto(postPath);
    const images = readerPage.locator("figure.media-gallery img");
    const sources = await images.evaluateAll((list) => list.map((img) => img.getAttribute("src") ?? ""));
    expect(sources).toEqual([third, second, first].map((id) => `/api/media/${id}?w=960`));
    const described = readerPage.getByRole("img", { name: "A blue glaze fresh from the kiln" });
    await expect(described).toHaveAttribute("src", `/api/media/${third}?w=960`);
    await expect.poll(() => described.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  } finally {
    await reader.close();
  }
});

test("a gallery grows with more uploads, and removing its last image removes it", async ({ page, users, login, editor }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await editor.openNew("Small gallery");

  const { body } = editor;
  await uploadGallery(editor, [["one.png", "#7c3aed"], ["two.png", "#0f766e"]]);
  await body.getByLabel("Images to add to the gallery").setInputFiles([await png("three.png", "#be123c")]);
  const gallery = body.getByRole("group", { name: "Gallery of 3 images" });
  await expect(gallery.locator("li img")).toHaveCount(3);

  await gallery.getByRole("button", { name: "Remove image 1 of 3" }).click();
  const two = body.getByRole("group", { name: "Gallery of 2 images" });
  await expect(two.locator("li")).toHaveCount(2);
  await two.getByRole("button", { name: "Remove image 2 of 2" }).click();
  await body.getByRole("group", { name: "Gallery of 1 image" }).getByRole("button", { name: "Remove the last image and the gallery" }).click();
  await expect(body.getByRole("group", { name: /^Gallery of/ })).toHaveCount(0);

  // The document no longer holds a gallery: after saving, a reload shows none.
  await editor.save();
  await page.reload();
  await expect(body).toBeVisible();
  await expect(body.getByRole("group", { name: /^Gallery of/ })).toHaveCount(0);
});
