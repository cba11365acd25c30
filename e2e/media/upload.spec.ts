// Media from the editor to the reader: an image uploaded with visible progress, described, and
// published; files that are not what they claim refused next to the upload; uploads cancelled;
// and the media route serving files only to those allowed, with the right caching.
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "../support/fixtures";

/** A PNG of noise: it does not compress, so its upload takes long enough to watch. */
function noisyPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
    .png()
    .toBuffer();
}

/** Slows uploads from this page, as on a poor connection. */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

test("a creator uploads an image with progress, describes it, and readers see it", async ({ page, browser, users, login, editor }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await editor.openNew("A morning by the lake");

  await throttleUploads(page, 100 * 1024);
  await editor.insertFiles("image", { name: "lake.png", mimeType: "image/png", buffer: await noisyPng(420, 300) });

  const uploads = page.getByRole("list", { name: "Uploads" });
  await expect(uploads.getByRole("progressbar", { name: "Uploading lake.png" })).toBeVisible();
  await expect(uploads.getByRole("button", { name: "Cancel upload of lake.png" })).toBeVisible();

  const placed = editor.body.locator("figure.media-image img");
  await expect(placed).toBeVisible({ timeout: 30_000 });
  await expect(uploads).toHaveCount(0);
  await editor.body.getByLabel("Image description (alt text)").fill("A calm lake at dawn");

  const postPath = await editor.publish(creator.handle);

  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await readerPage.goto(postPath);
  const image = readerPage.getByRole("img", { name: "A calm lake at dawn" });
  await expect(image).toBeVisible();
  // Loaded through the access-checked route, not just present in the HTML.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const src = await image.getAttribute("src");
  const response = await reader.request.get(src!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/webp");
  expect(response.headers()["cache-control"]).toBe("public, max-age=600");
  await reader.close();
});

test("a file that is not an image is refused next to the upload, and an upload can be cancelled", async ({ page, users, login, editor }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  await editor.open();
  const uploads = page.getByRole("list", { name: "Uploads" });

  await editor.insertFiles("image", { name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("These are my notes, not a photo.\n") });
  const refused = uploads.getByRole("listitem").filter({ hasText: "notes.jpg" });
  await expect(refused.getByRole("alert")).toHaveText("This is not an image we accept. Use JPEG, PNG, WebP, GIF or AVIF.");
  await refused.getByRole("button", { name: "Dismiss the message about notes.jpg" }).click();
  await expect(uploads).toHaveCount(0);

  await throttleUploads(page, 20 * 1024);
  await editor.insertFiles("image", { name: "big.png", mimeType: "image/png", buffer: await noisyPng(600, 600) });
  await expect(uploads.getByRole("progressbar", { name: "Uploading big.png" })).toBeVisible();
  await uploads.getByRole("button", { name: "Cancel upload of big.png" }).click();
  await expect(uploads).toHaveCount(0);
  await expect(editor.body.locator("figure.media-image")).toHaveCount(0);
});

test("the media route checks the uploader, the bytes and the viewer", async ({ page, browser, users, login }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  const request = page.context().request;
  const headers = (name: string, kind = "image") => ({ "x-media-kind": kind, "x-file-name": encodeURIComponent(name), "content-type": "application/octet-stream" });

  const refused = await request.post("/api/media", { headers: headers("holiday.jpg"), data: Buffer.from("not a picture") });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ error: { code: "INVALID_INPUT", message: "This is not an image we accept. Use JPEG, PNG, WebP, GIF or AVIF." } });

  const crossSite = await request.post("/api/media", { headers: { ...headers("a.png"), origin: "https://elsewhere.example" }, data: await noisyPng(10, 10) });
  expect(crossSite.status()).toBe(403);

  const accepted = await request.post("/api/media", { headers: headers("Über den See.png"), data: await noisyPng(1200, 700) });
  expect(accepted.status()).toBe(201);
  const uploaded = (await accepted.json()) as { id: string; mime: string; width: number; name: string };
  expect(uploaded).toMatchObject({ mime: "image/webp", width: 1200, name: "Über den See.png" });

  const own = await request.get(`/api/media/${uploaded.id}?w=480`);
  expect(own.status()).toBe(200);
  expect(own.headers()).toMatchObject({ "content-type": "image/webp", "x-content-type-options": "nosniff", "cache-control": "private, no-store" });
  expect((await sharp(await own.body()).metadata()).width).toBe(480);

  // In no post yet: nobody else may fetch it, and the refusal is never cached.
  const stranger = await browser.newContext();
  const theirs = await stranger.request.get(`/api/media/${uploaded.id}`);
  expect(theirs.status()).toBe(404);
  expect(theirs.headers()["cache-control"]).toBe("private, no-store");
  const anonymousUpload = await stranger.request.post("/api/media", { headers: headers("a.png"), data: await noisyPng(10, 10) });
  expect(anonymousUpload.status()).toBe(401);
  await stranger.close();
});
