// What search engines and link previews read of the public pages: robots.txt names the sitemap by its
// full address, and every public page's HTML, as the server sends it to a browser, carries in its
// <head> one description of its own and one canonical link, absolute, to the page itself.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";

type Head = { descriptions: string[]; canonicals: string[]; inBody: number };

/** The description and canonical tags of the HTML `path` answers with, read as a browser parses it. */
async function headOf(page: Page, path: string): Promise<Head> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const html = await response!.text();
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "text/html");
    const head = (selector: string, attribute: string) => [...doc.head.querySelectorAll(selector)].map((element) => element.getAttribute(attribute) ?? "");
    return {
      descriptions: head('meta[name="description"]', "content"),
      canonicals: head('link[rel="canonical"]', "href"),
      inBody: doc.body.querySelectorAll('meta[name="description"], link[rel="canonical"], title').length,
    };
  }, html);
}

test("robots.txt points crawlers to the sitemap by its full address", async ({ request, users, posts }) => {
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Listed for crawlers", publish: true });

  const robots = await (await request.get("/robots.txt")).text();
  const line = robots.split("\n").find((entry) => entry.startsWith("Sitemap:"));
  const sitemap = new URL(line!.slice("Sitemap:".length).trim());
  expect(sitemap.protocol).toMatch(/^https?:$/);
  expect(sitemap.pathname).toBe("/sitemap.xml");

  // The sitemap, or the index of sitemap files, names every address in full on the same site.
  const locations = async (path: string) => [...(await (await request.get(path)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!));
  const listed: URL[] = [];
  for (const location of await locations(sitemap.pathname)) {
    expect(location.origin).toBe(sitemap.origin);
    listed.push(...(location.pathname.endsWith(".xml") ? await locations(location.pathname) : [location]));
  }
  expect(listed.map((url) => url.href)).toContain(`${sitemap.origin}/${creator.handle}/posts/${post.slug}`);
});

test("every public page has its own description and an absolute canonical link in its head", async ({ page, users, posts, tiers }) => {
  // No tagline and no about text: the creator page still describes itself.
  const creator = await users.createCreator({ displayName: "Ada Quill" });
  await tiers.create({ creator, name: "Readers", monthlyPrice: 0 });
  const post = await posts.create({ creator, title: "A page with a canonical address", publish: true });
  const postPath = `/${creator.handle}/posts/${post.slug}`;

  const pages = [
    { path: "/", canonical: "/" },
    { path: "/explore", canonical: "/explore" },
    { path: `/${creator.handle}`, canonical: `/${creator.handle}` },
    { path: `/${creator.handle}/posts`, canonical: `/${creator.handle}/posts` },
    { path: postPath, canonical: postPath },
    // The join page has one address whichever tier it highlights and wherever it returns to.
    { path: `/${creator.handle}/join?next=${encodeURIComponent(postPath)}`, canonical: `/${creator.handle}/join` },
  ];
  const descriptions = new Map<string, string>();
  for (const { path, canonical } of pages) {
    const head = await headOf(page, path);
    expect(head.descriptions, path).toHaveLength(1);
    expect(head.descriptions[0]!.trim().length, path).toBeGreaterThan(20);
    expect(head.canonicals, path).toHaveLength(1);
    expect(head.canonicals[0], `${path}: absolute`).toMatch(/^https?:\/\/[^/]/);
    const url = new URL(head.canonicals[0]!);
    expect(url.pathname, path).toBe(canonical);
    expect(url.search, path).toBe("");
    expect(head.inBody, `${path}: metadata left in <body>`).toBe(0);
    descriptions.set(path, head.descriptions[0]!);
  }
  expect(descriptions.get(`/${creator.handle}`)).toContain("Ada Quill");
  expect(descriptions.get(postPath)).not.toBe(descriptions.get("/"));
});
