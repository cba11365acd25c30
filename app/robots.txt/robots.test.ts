// robots.txt as crawlers read it: the sitemap by its full address on the configured site (a
// relative one is ignored), and the studio, sign-in, account pages and machine endpoints kept out.
import { afterEach, describe, expect, it, vi } from "vitest";
import { robotsTxt } from "./robots";

afterEach(() => {
  vi.unstubAllEnvs();
});

const lines = () => robotsTxt().split("\n");

describe("robots.txt", () => {
  it("names the sitemap on the site's public origin, whatever path AUTH_URL carries", () => {
    vi.stubEnv("AUTH_URL", "https://atelier.example/api/auth");
    expect(lines()).toContain("Sitemap: https://atelier.example/sitemap.xml");
  });

  it("still gives an absolute address when no origin is configured (development)", () => {
    vi.stubEnv("AUTH_URL", "");
    expect(lines()).toContain("Sitemap: http://localhost:3000/sitemap.xml");
  });

  it("lets crawlers read the public pages but not the studio, sign-in, a fan's account or the API", () => {
    expect(lines().slice(0, 6)).toEqual(["User-Agent: *", "Allow: /", "Disallow: /studio", "Disallow: /api", "Disallow: /login", "Disallow: /account"]);
  });
});
