// A creator's public RSS feed: read as an anonymous visitor whoever asks (no session is looked up),
// so it may be cached; its links use the site's configured origin, never the request's Host.
import { anonymousContext } from "@/server/http/context";
import { siteOrigin } from "@/server/http/site-origin";
import { creatorFeedXml } from "@/server/services/posts/feed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const xml = await creatorFeedXml(anonymousContext(), handle, siteOrigin());
  if (xml === null) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(xml, {
    headers: { "content-type": "application/rss+xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
