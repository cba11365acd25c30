import { describe, expect, it } from "vitest";
import { acceptAttribute, allowedFormat, MEDIA_SIZE_CAPS, precheckUpload, tooLargeMessage } from "./media-rules";

describe("media rules", () => {
  it("caps each kind and says the limit in the units a file manager shows", () => {
    expect(MEDIA_SIZE_CAPS).toEqual({ image: 20_000_000, audio: 200_000_000, video: 500_000_000, file: 100_000_000 });
    expect(precheckUpload("image", 20_000_000)).toBeNull();
    expect(precheckUpload("image", 25_000_000)).toBe("This image (25 MB) is too large: the limit is 20 MB.");
    // 20 MiB is 21 MB: what a file manager shows for that file, over a 20 MB limit.
    expect(precheckUpload("image", 20 * 1024 ** 2)).toBe("This image (21 MB) is too large: the limit is 20 MB.");
    expect(precheckUpload("audio", 250_000_000)).toBe("This audio file (250 MB) is too large: the limit is 200 MB.");
    expect(precheckUpload("file", 0)).toBe("This file is empty.");
    expect(tooLargeMessage("video")).toBe("This video is too large: the limit is 500 MB.");
  });

  it("never says a size that reads the same as the limit it is over", () => {
    expect(precheckUpload("image", 20_000_001)).toBe("This image is too large: the limit is 20 MB.");
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
