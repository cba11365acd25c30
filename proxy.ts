// Runs before every page and every route handler except the two that stream large bodies: refuses
// oversized bodies and cross-site form actions before anything parses them, and gives each page
// its Content-Security-Policy (a fresh nonce for a per-viewer page) and HSTS. The headers that never vary come from
// next.config.ts, on every response including those the proxy does not see. Every request it
// sees goes on with its id (server/http/request-id.ts), and every answer carries it.
import { NextResponse, type NextRequest } from "next/server";
import { AppError, AppErrorCode } from "@/lib/errors";
import { FORM_BODY_LIMIT_BYTES } from "@/lib/request-limits";
import { errorResponse } from "@/server/http/errors";
import { bodyOverLimit } from "@/server/http/request-body";
import { REQUEST_ID_HEADER, requestIdOf } from "@/server/http/request-id";
import { isSameOrigin } from "@/server/http/same-origin";
import { noteFeedFetch } from "@/server/services/analytics/ingest";
import { pagePolicy, transportSecurityHeaders } from "@/server/http/security-headers";

// NOTE: Next.js buffers every body the proxy sees (next.config.ts sets how much). /api/trpc caps
// its own body (a post at its size limit is larger than any form) and /api/media streams uploads
// to disk; both must stay out. So must static assets, which need no per-request work.
export const config = {
  matcher: ["/((?!_next/static|_next/image|api/trpc|api/media|icon\\.svg|favicon\\.ico).*)"],
};

/** A refusal by the one status map: JSON for route handlers, plain words for pages. */
function refuse(pathname: string, error: AppError, requestId: string, headers: Record<string, string> = {}): Response {
  return errorResponse(error, { as: pathname.startsWith("/api/") ? "json" : "text", headers: { ...headers, "X-Request-Id": requestId } });
}

/** A creator's public feed, or one of their collections': served from the page cache, so fetches are counted here. */
const FEED_PATH = /^\/([a-z0-9-]{3,30})\/(?:collections\/[^/]+\/)?feed\.xml$/;

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  const requestId = requestIdOf(request.headers);
  const feed = request.method === "GET" ? FEED_PATH.exec(pathname) : null;
  if (feed) noteFeedFetch(feed[1]!, new Date());
  // An address whose escapes are not UTF-8 (%ED%A0%80, half a surrogate) names no page; Next would
  // fail to decode it and answer 500.
  if (!decodablePath(pathname)) return refuse(pathname, new AppError(AppErrorCode.NOT_FOUND, "This page does not exist."), requestId);
  // Next.js answers both of these with a 500 of its own (past the action's size limit; an action
  // from another origin), after reading the body: refuse first, with what they are.
  if (await bodyOverLimit(request, FORM_BODY_LIMIT_BYTES)) {
    const error = new AppError(AppErrorCode.INVALID_INPUT, "This request is too large.", { field: "size" });
    return refuse(pathname, error, requestId, { Connection: "close" });
  }
  if (request.method === "POST" && request.headers.has("next-action") && !isSameOrigin(request)) {
    return refuse(pathname, new AppError(AppErrorCode.FORBIDDEN, "Forms must be sent from this site."), requestId);
  }

  // Pages and route handlers read the id from the request (headers()): the one decided here.
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  const transport = { ...transportSecurityHeaders(request.headers), "X-Request-Id": requestId };
  if (pathname.startsWith("/api/")) {
    // Route handlers: their Content-Security-Policy is next.config.ts's non-page one.
    const response = NextResponse.next({ request: { headers: forwarded } });
    for (const [name, value] of Object.entries(transport)) response.headers.set(name, value);
    return response;
  }

  const { policy, nonce } = pagePolicy(pathname, request.cookies.getAll().map((cookie) => cookie.name), request.headers);
  // Next.js takes the nonce for its own scripts from the policy on the request; a client's own
  // policy or nonce header never reaches the renderer.
  forwarded.delete("x-nonce");
  forwarded.delete("content-security-policy-report-only");
  if (nonce) {
    forwarded.set("content-security-policy", policy);
    forwarded.set("x-nonce", nonce);
  } else {
    forwarded.delete("content-security-policy");
  }
  // An anonymous reader's public page is then the one rendered once for all (next.config.ts's
  // rewrites to app/%5Fshared); it carries the shared policy, decided above by the same cookie.
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(transport)) response.headers.set(name, value);
  return response;
}

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
