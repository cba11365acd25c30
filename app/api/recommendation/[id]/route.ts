// A recommendation's link (on a creator's page, the welcome step, the welcome email): counts the
// click, then on to the recommended creator's page, which carries it to their join page.
import { AppError, AppErrorCode } from "@/lib/errors";
import { anonymousContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { withRequest } from "@/server/http/request";
import { isBot, isPrefetch } from "@/server/services/analytics/classify";
import { followRecommendation } from "@/server/services/discovery/recommendations";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export const GET = withRequest("/api/recommendation/[id]", async (request: Request, { params }: Params) => {
  const { id } = await params;
  const { db } = anonymousContext();
  // Prefetches, crawlers and link previewers go on without being counted: they are not clicks.
  const counted = !isPrefetch(request.headers) && !isBot(request.headers.get("user-agent"));
  const target = id.length <= 64 ? await followRecommendation(db, id, counted) : null;
  if (!target) return errorResponse(new AppError(AppErrorCode.NOT_FOUND, "This recommendation is no longer there."), { as: "text" });
  // A path: the browser resolves it against the address it asked (behind a proxy, request.url may name another host).
  return new Response(null, { status: 302, headers: { Location: target, "Cache-Control": "private, no-store" } });
});
