import { describe, expect, it } from "vitest";
import { isSharedPagePath } from "./shared-pages";

describe("isSharedPagePath", () => {
  it.each([
    "/",
    "/explore",
    "/explore/music",
    "/sitemap.xml",
    "/robots.txt",
    "/mara-ceramics",
    "/mara-ceramics/posts",
    "/mara-ceramics/posts/first-firing",
    "/mara-ceramics/collections/glazes",
    "/mara-ceramics/feed.xml",
  ])("shares %s: the same for every anonymous reader", (path) => {
    expect(isSharedPagePath(path)).toBe(true);
  });

  it.each([
    "/studio",
    "/studio/posts/new",
    "/login",
    "/login/check-email",
    "/search",
    "/account/memberships",
    "/account/settings",
    "/explore/not-a-category",
    "/explore/music/extra",
    "/dev/outbox",
    "/feeds/token.xml",
    "/mara-ceramics/join",
    "/mara-ceramics/join/tier-id",
    "/mara-ceramics/posts/first-firing/extra",
    "/Mara/posts",
    "/a/posts",
    "",
  ])("renders %s per viewer", (path) => {
    expect(isSharedPagePath(path)).toBe(false);
  });
});
