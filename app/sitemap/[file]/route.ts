// One sitemap file, /sitemap/{file}.xml (creators-0, posts-3, …; the index at /sitemap.xml lists
// them): every page an anonymous visitor can open, creator pages and readable-or-teased posts, at
// most 10,000 to a file. Read without a session, whoever asks.
import { anonymousContext } from "@/server/http/context";
import { withRequest } from "@/server/http/request";
import { siteOrigin } from "@/server/http/site-origin";
import { sitemapFileXml } from "@/server/services/posts/feed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withRequest("/sitemap/[file]", async (_request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const { file } = await params;
  const xml = file.endsWith(".xml") ? await sitemapFileXml(anonymousContext(), file.slice(0, -".xml".length), siteOrigin()) : null;
  if (xml === null) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(xml, {
    headers: { "content-type": "application/xml", "cache-control": "public, max-age=0, must-revalidate" },
  });
});
