// A creator's public RSS feed: read as an anonymous visitor whoever asks (no session is looked up),
// so it may be cached; its links use the site's configured origin, never the request's Host.
import { anonymousContext } from "@/server/http/context";
import { withRequest } from "@/server/http/request";
import { siteOrigin } from "@/server/http/site-origin";
import { findHandleRedirect } from "@/server/services/creators";
import { creatorFeedXml } from "@/server/services/posts/feed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withRequest("/[handle]/feed.xml", async (_request: Request, { params }: { params: Promise<{ handle: string }> }) => {
  const { handle } = await params;
  const ctx = anonymousContext();
  const xml = await creatorFeedXml(ctx, handle, siteOrigin());
  if (xml === null) {
    // Feed readers follow a permanent redirect and keep the new address: a renamed handle's feed moves.
    const moved = await findHandleRedirect(ctx, handle);
    if (moved) return Response.redirect(`${siteOrigin()}/${moved}/feed.xml`, 308);
    return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  }
  // Served from the page cache (app/%5Fshared): the proxy says how long an edge may keep it.
  return new Response(xml, { headers: { "content-type": "application/rss+xml; charset=utf-8" } });
});
