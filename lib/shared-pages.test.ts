import { describe, expect, it } from "vitest";
import { isSharedPagePath, sharedVariantPath } from "./shared-pages";

describe("isSharedPagePath", () => {
  it.each([
    "/",
    "/explore",
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

describe("sharedVariantPath", () => {
  const ask = (pathname: string, options: { method?: string; query?: string; cookies?: string[] } = {}) =>
    sharedVariantPath({
      method: options.method ?? "GET",
      pathname,
      searchParams: new URLSearchParams(options.query ?? ""),
      cookieNames: options.cookies ?? [],
    });

  it("sends an anonymous reader's public page to its shared version", () => {
    expect(ask("/")).toBe("/_shared/anonymous");
    expect(ask("/explore")).toBe("/_shared/anonymous/explore");
    expect(ask("/mara")).toBe("/_shared/anonymous/mara");
    expect(ask("/mara/posts/first")).toBe("/_shared/anonymous/mara/posts/first");
    expect(ask("/mara/posts/first", { method: "HEAD" })).toBe("/_shared/anonymous/mara/posts/first");
    // Next's own key for the client-navigation payload changes nothing the page shows.
    expect(ask("/mara", { query: "_rsc=abc" })).toBe("/_shared/anonymous/mara");
  });

  it("renders per viewer whatever could make the answer personal", () => {
    expect(ask("/mara", { cookies: ["authjs.session-token"] })).toBeNull();
    expect(ask("/mara", { cookies: ["__Secure-authjs.session-token"] })).toBeNull();
    expect(ask("/mara", { method: "POST" })).toBeNull();
    expect(ask("/explore", { query: "page=2" })).toBeNull();
    expect(ask("/mara/join")).toBeNull();
    expect(ask("/studio")).toBeNull();
    expect(ask("/search")).toBeNull();
  });

  it("serves feeds from the cache to everyone, signed in or not: they are the same for all", () => {
    expect(ask("/mara/feed.xml", { cookies: ["authjs.session-token"] })).toBe("/_shared/anonymous/mara/feed.xml");
  });
});
