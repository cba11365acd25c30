// A collection's public RSS feed, in the collection's order: read as an anonymous visitor whoever
// asks, so it may be cached; gated posts carry their teaser only.
import { anonymousContext } from "@/server/http/context";
import { withRequest } from "@/server/http/request";
import { siteOrigin } from "@/server/http/site-origin";
import { collectionFeedXml } from "@/server/services/posts/feed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ handle: string; slug: string }> };

export const GET = withRequest("/[handle]/collections/[slug]/feed.xml", async (_request: Request, { params }: Params) => {
  const { handle, slug } = await params;
  const xml = await collectionFeedXml(anonymousContext(), handle, slug, siteOrigin());
  if (xml === null) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(xml, { headers: { "content-type": "application/rss+xml; charset=utf-8" } });
});
