// A post's or a tier's cover chosen from the creator's own images (or uploaded on the spot) in the post
// settings or the tier form, and shown on the creator's public page and join page.
import { docWithText } from "@/server/testing/documents";
import { expect, test } from "../support/fixtures";
import { solidPng, uploadImage } from "../support/media";

test("a creator picks a cover from their images and it shows on their page's post card", async ({ page, browser, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Open studio day", document: docWithText("Come and see the new pots.") });
  await login(page, creator.user);

  // Two earlier uploads: the library lists the newest first.
  const older = await uploadImage(page, "older.png", await solidPng("#a16207"));
  const newer = await uploadImage(page, "newer.png", await solidPng("#0369a1"));

  await editor.open(post.id);
  const settings = await editor.openSettings();
  await expect(settings.getByText("No cover")).toBeVisible();
  await settings.getByRole("button", { name: "Choose the cover image" }).click();

  const library = page.getByRole("dialog", { name: "Choose the cover image" });
  const choices = library.getByRole("list", { name: "Your images" }).getByRole("button");
  await expect(choices).toHaveCount(2);
  await expect(choices.nth(0).locator("img")).toHaveAttribute("src", `/api/media/${newer}?w=480`);
  await expect(choices.nth(1).locator("img")).toHaveAttribute("src", `/api/media/${older}?w=480`);
  await choices.nth(1).click();
  await expect(library).toHaveCount(0);

  const current = settings.getByRole("img", { name: "Cover image: the current choice" });
  await expect(current).toHaveAttribute("src", `/api/media/${older}?w=480`);
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await settings.getByRole("button", { name: "Close" }).click();

  await editor.publish(creator.handle);

  // The creator, then an anonymous visitor: a published post's cover is public.
  const visitor = await browser.newContext();
  try {
    for (const viewer of [page, await visitor.newPage()]) {
      await viewer.goto(`/${creator.handle}`);
      const card = viewer.getByRole("article").filter({ hasText: "Open studio day" });
      const cover = card.locator("img").first();
      await expect(cover).toHaveAttribute("src", `/api/media/${older}?w=960`);
      await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    }
  } finally {
    await visitor.close();
  }
});

test("a creator with no images is guided to upload one, which becomes the cover", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "First post", document: docWithText("Hello.") });
  await login(page, creator.user);
  await editor.open(post.id);
  const settings = await editor.openSettings();
  await settings.getByRole("button", { name: "Choose the cover image" }).click();

  const library = page.getByRole("dialog", { name: "Choose the cover image" });
  await expect(library.getByText("You have not uploaded any images yet.")).toBeVisible();
  const chooser = page.waitForEvent("filechooser");
  await library.getByRole("button", { name: "Upload an image" }).click();
  await (await chooser).setFiles({ name: "kiln.png", mimeType: "image/png", buffer: await solidPng("#166534") });

  const current = settings.getByRole("img", { name: "Cover image: the current choice" });
  await expect(current).toHaveAttribute("src", /^\/api\/media\/[0-9a-f-]{36}\?w=480$/, { timeout: 30_000 });
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  const chosen = await current.getAttribute("src");

  await page.reload();
  const reopened = await editor.openSettings();
  await expect(reopened.getByRole("img", { name: "Cover image: the current choice" })).toHaveAttribute("src", chosen!);
  await reopened.getByRole("button", { name: "Remove the cover image" }).click();
  await expect(reopened.getByText("No cover")).toBeVisible();
});

test("the same picker sets a tier's cover, shown on the join page once the tier is published", async ({ page, browser, users, login }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  const image = await uploadImage(page, "supporters.png", await solidPng("#9d174d"));

  await page.goto("/studio/tiers");
  await page.getByRole("button", { name: "New tier" }).click();
  const form = page.getByRole("form", { name: "New tier" });
  await form.getByLabel("Name").fill("Supporter");
  await form.getByLabel(/^Monthly price/).fill("5");
  await form.getByRole("button", { name: "Choose the cover image" }).click();
  await page.getByRole("dialog", { name: "Choose the cover image" }).getByRole("list", { name: "Your images" }).getByRole("button").click();
  await expect(form.getByRole("img", { name: "Cover image: the current choice" })).toHaveAttribute("src", `/api/media/${image}?w=480`);
  await form.getByRole("button", { name: "Create tier" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Archive" })).toBeVisible();

  const visitor = await browser.newContext();
  try {
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`/${creator.handle}/join`);
    const cover = visitorPage.locator(`img[src="/api/media/${image}?w=960"]`);
    await expect(cover).toBeVisible();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  } finally {
    await visitor.close();
  }
});
