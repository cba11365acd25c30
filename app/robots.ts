// robots.txt: the studio, sign-in and machine endpoints are not for crawlers. The sitemap's address
// must be absolute, so it is built from the configured origin at request time, not at build.
import type { MetadataRoute } from "next";
import { siteUrl } from "@/server/http/site-origin";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/studio", "/api", "/login", "/memberships"] },
    sitemap: siteUrl("/sitemap.xml"),
  };
}
