// Images for specs: real PNG bytes made on the spot, and uploads through the media route as the
// signed-in creator of `page` would send them (so they land in that creator's library).
import { expect, type Page } from "@playwright/test";
import sharp from "sharp";

/** A PNG of one colour. */
export function solidPng(background: string, width = 1200, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
}

/** Uploads `data` as an image of the creator signed in on `page`; returns the media id. */
export async function uploadImage(page: Page, name: string, data: Buffer): Promise<string> {
  const response = await page.context().request.post("/api/media", {
    headers: { "x-media-kind": "image", "x-file-name": name, "content-type": "application/octet-stream" },
    data,
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
