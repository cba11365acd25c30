// A creator page that feels like the creator's: in Settings the creator picks a picture and a
// banner from their images, writes a formatted about text, adds links and features a post; a reader
// who has never signed in sees all of it, the images served to them too.
import { expect, test } from "../support/fixtures";
import { solidPng, uploadImage } from "../support/media";

test("a creator dresses their page and a stranger sees it", async ({ page, browser, users, posts, login }) => {
  const creator = await users.createCreator({ displayName: "Noor Weaves" });
  await posts.create({ creator, title: "Warp and weft", publish: true });
  const best = await posts.create({ creator, title: "My best rug yet", publish: true });
  await login(page, creator.user);
  const face = await uploadImage(page, "face.png", await solidPng("#7c2d12", 400, 400));
  const wide = await uploadImage(page, "loom.png", await solidPng("#365314", 1800, 600));

  await page.goto("/studio/settings");
  for (const [label, id] of [["profile picture", face], ["banner image", wide]] as const) {
    await page.getByRole("button", { name: `Choose the ${label}` }).click();
    const library = page.getByRole("dialog", { name: `Choose the ${label}` });
    await library.locator(`img[src="/api/media/${id}?w=480"]`).click();
    await expect(library).toHaveCount(0);
  }
  await page.getByLabel("About").fill("Rugs woven by hand, **one a month**.\n\n- [The loom diary](https://example.org/loom)");
  await page.getByLabel("Link 1").fill("https://www.instagram.com/noorweaves");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  // A link that is not a web address is refused next to the links, and nothing else is lost.
  await page.getByLabel("Link 2").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Links start with https://" })).toBeVisible();
  await expect(page.getByLabel("About")).toHaveValue(/one a month/);
  await page.getByLabel("Link 2").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByLabel("Shown first on your page").selectOption({ label: best.title });
  await page.getByRole("form", { name: "Featured post" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("form", { name: "Featured post" }).getByRole("button", { name: "Saved" })).toBeVisible();

  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`/${creator.handle}`);
  await expect(stranger.getByRole("heading", { level: 1, name: "Noor Weaves" })).toBeVisible();
  await expect(stranger.locator("header strong")).toHaveText("one a month");
  await expect(stranger.getByRole("link", { name: "The loom diary" })).toHaveAttribute("href", "https://example.org/loom");
  await expect(stranger.getByRole("list", { name: "Noor Weaves elsewhere" }).getByRole("link", { name: /Instagram/ })).toHaveAttribute(
    "href",
    "https://www.instagram.com/noorweaves",
  );
  await expect(stranger.getByRole("region", { name: "Featured" }).getByRole("heading", { name: best.title })).toBeVisible();
  for (const id of [face, wide]) {
    const image = stranger.locator(`header img[src^="/api/media/${id}"]`);
    await expect(image).toBeVisible();
    expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
  }
});
