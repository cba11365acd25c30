// A creator's public RSS feed: read as an anonymous visitor whoever asks, so it may be cached.
import { creatorFeedXml } from "@/server/services/posts/feed";
import { createTRPCContext } from "@/server/trpc/init";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const ctx = await createTRPCContext();
  const xml = await creatorFeedXml(ctx, handle, new URL(request.url).origin);
  if (xml === null) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(xml, {
    headers: { "content-type": "application/rss+xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
