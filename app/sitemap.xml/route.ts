// The sitemap index crawlers find at /sitemap.xml (robots.txt names it): the address of every
// sitemap file (app/sitemap/[file]). Route handlers rather than a sitemap.ts with generateSitemaps:
// Next.js keeps /sitemap.xml for such a file, and it could then not be the index.
// Read without a session, whoever asks.
import { anonymousContext } from "@/server/http/context";
import { withRequest } from "@/server/http/request";
import { siteOrigin } from "@/server/http/site-origin";
import { sitemapIndexXml } from "@/server/services/posts/feed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withRequest("/sitemap.xml", async () => {
  const xml = await sitemapIndexXml(anonymousContext(), siteOrigin());
  return new Response(xml, {
    // As Next.js answers its own sitemap files.
    headers: { "content-type": "application/xml", "cache-control": "public, max-age=0, must-revalidate" },
  });
});
