import { describe, expect, it } from "vitest";
import { isSameSitePath, sameSitePathOr } from "./same-site-path";

describe("isSameSitePath", () => {
  it("takes paths on this site", () => {
    for (const path of ["/", "/studio", "/mara/posts/a-b?x=1#top", "/mara/join?next=%2Fmara"]) expect(isSameSitePath(path)).toBe(true);
  });

  it("refuses everything a browser would take off the site", () => {
    for (const path of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/ /evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
      "",
    ]) {
      expect(isSameSitePath(path), JSON.stringify(path)).toBe(false);
    }
  });

  it("falls back for anything else, arrays included", () => {
    expect(sameSitePathOr(["/a", "/b"], "/home")).toBe("/home");
    expect(sameSitePathOr("/\t/evil.example", "/home")).toBe("/home");
    expect(sameSitePathOr("/mara", "/home")).toBe("/mara");
  });
});
