// Re-encoding uploaded images: orientation applied, every piece of metadata dropped (EXIF, GPS,
// XMP, ICC beyond sRGB), WebP variants for srcset, and a tiny blurred placeholder.
import "server-only";
import sharp, { type Metadata } from "sharp";
import { IMAGE_WIDTHS } from "@/lib/document/media";
import { IMAGE_MAX_EDGE, MAX_IMAGE_PIXELS } from "@/lib/media-rules";

export type EncodedImage = { name: string; data: Buffer; width: number; height: number; mime: "image/webp" };

export type ProcessedImage = {
  width: number;
  height: number;
  /** The full-size image served without ?w=. */
  main: EncodedImage;
  /** Smaller renditions, narrowest first; only widths below the image's own. */
  variants: EncodedImage[];
  blurDataUrl: string;
};

/** A refusal that names the problem in plain words, for the service to turn into a typed error. */
export class ImageRefusal extends Error {}

const WEBP_QUALITY = 80;

export async function processImage(input: string | Buffer): Promise<ProcessedImage> {
  // Reading the header decodes no pixels, so it is safe without the limit and lets the refusal
  // name the actual dimensions.
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefusal("This image could not be read. It may be damaged or not an image.");
  }
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  const pixels = (meta.width ?? 0) * frameHeight * frames;
  if (!meta.width || !frameHeight) throw new ImageRefusal("This image could not be read. It may be damaged or not an image.");
  if (pixels > MAX_IMAGE_PIXELS) {
    throw new ImageRefusal(
      `This image is ${meta.width.toLocaleString("en")} × ${frameHeight.toLocaleString("en")} pixels${frames > 1 ? ` over ${frames} frames` : ""}, ` +
        `more than the ${MAX_IMAGE_PIXELS / 1_000_000} megapixel limit. Resize it and try again.`,
    );
  }
  // Animated GIF/WebP keep their frames; everything else is a single still.
  const animated = frames > 1;
  const open = () => sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, animated }).autoOrient();

  try {
    const encode = async (name: string, maxWidth: number, maxHeight?: number): Promise<EncodedImage> => {
      const { data, info } = await open()
        .resize({ width: maxWidth, height: maxHeight, fit: "inside", withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
      return { name, data, width: info.width, height: animated ? (info.pageHeight ?? info.height) : info.height, mime: "image/webp" };
    };

    const main = await encode("full.webp", IMAGE_MAX_EDGE, IMAGE_MAX_EDGE);
    const variants: EncodedImage[] = [];
    for (const w of IMAGE_WIDTHS) {
      if (w < main.width) variants.push(await encode(`w${w}.webp`, w));
    }
    const blur = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS })
      .autoOrient()
      .resize({ width: 16, height: 16, fit: "inside" })
      .blur(1)
      .webp({ quality: 40 })
      .toBuffer();
    // The full-size rendition is what viewers see at most, oriented: its size is the image's size.
    return { width: main.width, height: main.height, main, variants, blurDataUrl: `data:image/webp;base64,${blur.toString("base64")}` };
  } catch (error) {
    if (error instanceof ImageRefusal) throw error;
    throw new ImageRefusal("This image could not be processed. It may be damaged; try exporting it again.", { cause: error });
  }
}
