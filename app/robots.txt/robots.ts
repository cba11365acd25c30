// robots.txt: the studio, sign-in, a fan's account pages and machine endpoints are not for crawlers.
// The sitemap's address must be absolute, so it is built from the configured origin at request
// time, not at build. A route handler (./route.ts) rather than Next's robots.ts file, so that the
// shared, cached version of it (app/%5Fshared) can be the same handler.
import "server-only";
import { siteUrl } from "@/server/http/site-origin";

export const ROBOTS_DISALLOW = ["/studio", "/api", "/login", "/account"] as const;

/** The file's text, in the robots exclusion protocol (RFC 9309) and its Sitemap line. */
export function robotsTxt(): string {
  return ["User-Agent: *", "Allow: /", ...ROBOTS_DISALLOW.map((path) => `Disallow: ${path}`), "", `Sitemap: ${siteUrl("/sitemap.xml")}`, ""].join("\n");
}
