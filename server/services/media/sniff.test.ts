import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffUpload } from "./sniff";

const png = () => sharp({ create: { width: 4, height: 4, channels: 3, background: "#3a6" } }).png().toBuffer();

describe("sniffUpload", () => {
  it("accepts an image by its bytes and reports the type we serve", async () => {
    expect(await sniffUpload("image", await png())).toEqual({ ok: true, ext: "png", mime: "image/png" });
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).jpeg().toBuffer();
    expect(await sniffUpload("image", jpeg)).toMatchObject({ ok: true, mime: "image/jpeg" });
  });

  it("refuses a text file whatever it is called", async () => {
    // The name "holiday.jpg" and a declared image/jpeg never reach the decision: only bytes do.
    const result = await sniffUpload("image", new TextEncoder().encode("just some notes, saved as holiday.jpg\n"));
    expect(result).toEqual({ ok: false, message: "This is not an image we accept. Use JPEG, PNG, WebP, GIF or AVIF." });
  });

  it("refuses SVG and says why", async () => {
    const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`;
    const result = await sniffUpload("image", new TextEncoder().encode(svg));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/SVG images are not accepted/);
    const bare = await sniffUpload("image", new TextEncoder().encode(`<svg viewBox="0 0 1 1"></svg>`));
    expect(!bare.ok && bare.message).toMatch(/SVG/);
  });

  it("keeps each kind to its own formats", async () => {
    const image = await png();
    expect(await sniffUpload("audio", image)).toEqual({ ok: false, message: "This is not an audio file we accept. Use MP3, M4A, AAC, Ogg, Opus, WAV or FLAC." });
    expect((await sniffUpload("file", image)).ok).toBe(false);
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
    expect(await sniffUpload("file", pdf)).toEqual({ ok: true, ext: "pdf", mime: "application/pdf" });
    expect((await sniffUpload("image", pdf)).ok).toBe(false);
  });
});
