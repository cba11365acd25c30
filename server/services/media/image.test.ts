import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ImageRefusal, processImage } from "./image";

describe("processImage", () => {
  it("applies the orientation and strips every piece of metadata, GPS included", async () => {
    // A 40×20 photo that says "rotate 90°" and where it was taken.
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#c33" } })
      .jpeg()
      .withMetadata({
        orientation: 6,
        exif: { IFD0: { Make: "TestCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" } },
      })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);

    const result = await processImage(photo);
    expect({ width: result.width, height: result.height }).toEqual({ width: 20, height: 40 });
    for (const image of [result.main, ...result.variants]) {
      const after = await sharp(image.data).metadata();
      expect(after.format).toBe("webp");
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(image.data.includes("TestCam")).toBe(false);
    }
  });

  it("makes WebP variants no wider than the original, and a small blurred placeholder", async () => {
    const wide = await sharp({ create: { width: 1200, height: 600, channels: 3, background: "#246" } }).png().toBuffer();
    const result = await processImage(wide);
    expect(result.main).toMatchObject({ width: 1200, height: 600, mime: "image/webp" });
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [480, 240],
      [960, 480],
    ]);
    expect(result.blurDataUrl).toMatch(/^data:image\/webp;base64,/);
    expect(result.blurDataUrl.length).toBeLessThan(1000);

    const small = await processImage(await sharp({ create: { width: 300, height: 200, channels: 4, background: "#fff0" } }).png().toBuffer());
    expect(small.variants).toEqual([]);
    expect(small.main).toMatchObject({ width: 300, height: 200 });
  });

  it("refuses a decompression bomb before decoding it, naming its size", async () => {
    // 48 megapixels of one colour: about 150 KB on disk, over 140 MB once decoded.
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(bomb.byteLength).toBeLessThan(1_000_000);
    const error = await processImage(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRefusal);
    expect((error as Error).message).toBe(
      "This image is 8,000 × 6,000 pixels, more than the 40 megapixel limit. Resize it and try again.",
    );
  });

  it("refuses bytes that only start like an image", async () => {
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: "#000" } }).png().toBuffer();
    const error = await processImage(png.subarray(0, 40)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRefusal);
    expect((error as Error).message).toMatch(/could not be (read|processed)/);
  });
});
