// A "Read on Atelier" link from a new-post email: counts the click, then on to the post.
import { AppError, AppErrorCode } from "@/lib/errors";
import { anonymousContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { withRequest } from "@/server/http/request";
import { followEmailLink } from "@/server/services/analytics/email-links";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

export const GET = withRequest("/api/email-link/[token]", async (request: Request, { params }: Params) => {
  const { token } = await params;
  const { db } = anonymousContext();
  const target = await followEmailLink(db, token, request.headers.get("user-agent"), new Date());
  if (!target) return errorResponse(new AppError(AppErrorCode.NOT_FOUND, "This link does not lead to a post any more."), { as: "text" });
  // A path: the browser resolves it against the address it asked (behind a proxy, request.url may name another host).
  return new Response(null, { status: 302, headers: { Location: target, "Cache-Control": "private, no-store" } });
});
