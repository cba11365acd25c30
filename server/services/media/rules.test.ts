import { describe, expect, it } from "vitest";
import { acceptAttribute, allowedFormat, formatBytes, MEDIA_SIZE_CAPS, precheckUpload, tooLargeMessage } from "./rules";

describe("media rules", () => {
  it("caps each kind and says the limit in plain words", () => {
    expect(MEDIA_SIZE_CAPS).toEqual({ image: 20 * 1024 ** 2, audio: 200 * 1024 ** 2, video: 500 * 1024 ** 2, file: 100 * 1024 ** 2 });
    expect(precheckUpload("image", 20 * 1024 ** 2)).toBeNull();
    expect(precheckUpload("image", 20 * 1024 ** 2 + 1)).toBe("This image (20 MB) is too large: the limit is 20 MB.");
    expect(precheckUpload("audio", 250 * 1024 ** 2)).toBe("This audio file (250 MB) is too large: the limit is 200 MB.");
    expect(precheckUpload("file", 0)).toBe("This file is empty.");
    expect(tooLargeMessage("video")).toBe("This video is too large: the limit is 500 MB.");
  });

  it("formats sizes as people read them", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(830 * 1024)).toBe("830 KB");
    expect(formatBytes(1.5 * 1024 ** 2)).toBe("1.5 MB");
    expect(formatBytes(120 * 1024 ** 2)).toBe("120 MB");
  });

  it("allows only listed formats per kind, SVG never", () => {
    expect(allowedFormat("image", "png")?.mime).toBe("image/png");
    expect(allowedFormat("image", "svg")).toBeNull();
    expect(allowedFormat("image", undefined)).toBeNull();
    expect(allowedFormat("audio", "m4a")?.mime).toBe("audio/mp4");
    expect(allowedFormat("video", "mov")?.mime).toBe("video/quicktime");
    expect(allowedFormat("file", "exe")).toBeNull();
    expect(acceptAttribute("image")).not.toContain("svg");
  });
});
