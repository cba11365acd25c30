// Which page views count and where their readers came from, decided from headers and addresses
// alone: crawlers and headless browsers against everyday browsers, readers who said "don't count
// me", prefetches, and every kind of source (only a referring site's domain is ever kept).
import { describe, expect, it } from "vitest";
import { declinesTracking, isBot, isPrefetch, sourceOf } from "./classify";

const BROWSERS = {
  chrome: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  firefox: "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  safari: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Safari on iPhone":
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Chrome on Android": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
};

const NOT_READERS = {
  Googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  HeadlessChrome: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
  "Chrome-Lighthouse":
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
  curl: "curl/8.5.0",
  Bingbot: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "a link preview": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
};

describe("isBot", () => {
  it.each(Object.entries(BROWSERS))("counts %s as a reader", (_, userAgent) => {
    expect(isBot(userAgent)).toBe(false);
  });

  it.each(Object.entries(NOT_READERS))("does not count %s", (_, userAgent) => {
    expect(isBot(userAgent)).toBe(true);
  });

  it("does not count a request that names no browser, or barely one", () => {
    expect(isBot(null)).toBe(true);
    expect(isBot("")).toBe(true);
    expect(isBot("Mozilla/5")).toBe(true);
  });
});

describe("declinesTracking", () => {
  it("honours Do-Not-Track and Global Privacy Control, and only when they are on", () => {
    expect(declinesTracking(new Headers({ DNT: "1" }))).toBe(true);
    expect(declinesTracking(new Headers({ "Sec-GPC": "1" }))).toBe(true);
    expect(declinesTracking(new Headers({ DNT: "0" }))).toBe(false);
    expect(declinesTracking(new Headers({ "user-agent": BROWSERS.chrome }))).toBe(false);
  });
});

describe("isPrefetch", () => {
  it("recognises a page fetched ahead of a click, by either header browsers use", () => {
    expect(isPrefetch(new Headers({ "Sec-Purpose": "prefetch" }))).toBe(true);
    expect(isPrefetch(new Headers({ "Sec-Purpose": "prefetch;prerender" }))).toBe(true);
    expect(isPrefetch(new Headers({ Purpose: "prefetch" }))).toBe(true);
    expect(isPrefetch(new Headers({ "user-agent": BROWSERS.firefox }))).toBe(false);
  });
});

describe("sourceOf", () => {
  const SITE = "atelier.test";
  const PAGE = "https://atelier.test/mara/posts/studio-notes";

  it("calls a visit with no referrer direct", () => {
    expect(sourceOf(PAGE, "", SITE)).toEqual({ source: "direct", referrer: "", campaign: "" });
  });

  it("keeps only the domain of a search engine, never the path or the query", () => {
    expect(sourceOf(PAGE, "https://www.google.com/search?q=mara+studio+notes", SITE)).toEqual({
      source: "search-engine",
      referrer: "google.com",
      campaign: "",
    });
    expect(sourceOf(PAGE, "https://duckduckgo.com/?q=atelier", SITE)).toMatchObject({ source: "search-engine", referrer: "duckduckgo.com" });
  });

  it("knows social sites, link shorteners included", () => {
    expect(sourceOf(PAGE, "https://t.co/AbC123", SITE)).toEqual({ source: "social", referrer: "t.co", campaign: "" });
    expect(sourceOf(PAGE, "https://old.reddit.com/r/art/comments/1", SITE)).toEqual({ source: "social", referrer: "old.reddit.com", campaign: "" });
  });

  it("names any other site by its domain, without www.", () => {
    expect(sourceOf(PAGE, "https://www.example.org/blog/2026/links?ref=1", SITE)).toEqual({ source: "referral", referrer: "example.org", campaign: "" });
  });

  it("tells Explore and Search on our own site from any other page of it, and our Search from search engines", () => {
    expect(sourceOf(PAGE, "https://atelier.test/explore?tag=ceramics", SITE)).toEqual({ source: "explore", referrer: "", campaign: "" });
    expect(sourceOf(PAGE, "https://atelier.test/search?q=glaze", SITE)).toEqual({ source: "search", referrer: "", campaign: "" });
    expect(sourceOf(PAGE, "https://atelier.test/another-creator", SITE)).toEqual({ source: "site", referrer: "", campaign: "" });
  });

  it("treats www. and the bare domain as the same site", () => {
    expect(sourceOf("https://www.atelier.test/mara", "https://atelier.test/explore", "www.atelier.test")).toMatchObject({ source: "explore" });
  });

  it("credits a tagged campaign over the referrer, in lower case", () => {
    const tagged = `${PAGE}?utm_source=Newsletter&utm_campaign=Spring-Sale`;
    expect(sourceOf(tagged, "https://www.google.com/", SITE)).toEqual({ source: "campaign", referrer: "newsletter", campaign: "spring-sale" });
  });

  it("credits our own email links, and ignores a src it does not know", () => {
    expect(sourceOf(`${PAGE}?src=email`, "https://mail.example.com/", SITE)).toEqual({ source: "email", referrer: "", campaign: "" });
    expect(sourceOf(`${PAGE}?src=anything`, "", SITE)).toEqual({ source: "direct", referrer: "", campaign: "" });
  });

  it("never stores a page of text a visitor wrote into a tag", () => {
    const long = `${PAGE}?utm_source=${"x".repeat(500)}`;
    expect(sourceOf(long, "", SITE).referrer).toHaveLength(60);
  });

  it("calls a referrer that is not an address direct", () => {
    expect(sourceOf(PAGE, "not a url", SITE)).toEqual({ source: "direct", referrer: "", campaign: "" });
  });
});
