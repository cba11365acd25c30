import { describe, expect, it } from "vitest";

import { embedSrc, formatBytes, formatDuration, isMediaId, mediaIdFromUrl, parseEmbedUrl } from "./media";

const ID = "0192f0a0-1234-7abc-8def-0123456789ab";

describe("parseEmbedUrl", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s&list=x", "youtube", "dQw4w9WgXcQ"],
    ["http://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ?si=abc", "youtube", "dQw4w9WgXcQ"],
    ["youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["  https://vimeo.com/76979871  ", "vimeo", "76979871"],
    ["https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871"],
    ["https://player.vimeo.com/video/76979871?h=abc", "vimeo", "76979871"],
  ])("reads %s", (url, provider, id) => {
    expect(parseEmbedUrl(url)).toEqual({ provider, id });
  });

  it.each([
    "",
    "not a url",
    "https://evil.example/watch?v=dQw4w9WgXcQ",
    "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22%3E",
    "https://www.youtube.com/channel/UC123",
    "javascript:alert('youtube.com/watch?v=dQw4w9WgXcQ')",
    "ftp://youtu.be/dQw4w9WgXcQ",
    "https://vimeo.com/about",
    "https://vimeo.com/76979871abc",
    "https://www.dailymotion.com/video/x7tgad0",
  ])("refuses %j", (url) => {
    expect(parseEmbedUrl(url)).toBeNull();
  });

  it("builds the privacy-friendly player address", () => {
    expect(embedSrc("youtube", "dQw4w9WgXcQ")).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    expect(embedSrc("vimeo", "76979871")).toBe("https://player.vimeo.com/video/76979871");
  });
});

describe("media ids and addresses", () => {
  it("accepts only canonical uuids", () => {
    expect(isMediaId(ID)).toBe(true);
    expect(isMediaId(ID.toUpperCase())).toBe(false);
    expect(isMediaId(`${ID} `)).toBe(false);
    expect(isMediaId("-".repeat(36))).toBe(false);
  });

  it("reads the id back only from addresses we build", () => {
    expect(mediaIdFromUrl(`/api/media/${ID}`)).toBe(ID);
    expect(mediaIdFromUrl(`/api/media/${ID}?w=480`)).toBe(ID);
    expect(mediaIdFromUrl(`https://evil.example/api/media/${ID}`)).toBeNull();
    expect(mediaIdFromUrl(`/api/media/${ID}?w=480&x=1`)).toBeNull();
    expect(mediaIdFromUrl(null)).toBeNull();
  });
});

describe("formatBytes and formatDuration", () => {
  it("reads like a file manager", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(999)).toBe("999 bytes");
    expect(formatBytes(1_450_000)).toBe("1.5 MB");
    expect(formatBytes(25_000_000)).toBe("25 MB");
    expect(formatBytes(830_000)).toBe("830 KB");
    expect(formatBytes(120_000_000)).toBe("120 MB");
    // Decimal units: 1.5 MiB is 1.6 MB, as a file manager shows it.
    expect(formatBytes(1.5 * 1024 ** 2)).toBe("1.6 MB");
    expect(formatDuration(65)).toBe("1:05");
    expect(formatDuration(3729)).toBe("1:02:09");
  });
});
