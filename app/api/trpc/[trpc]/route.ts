import { getTRPCErrorShape, transformTRPCResponse, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { DOCUMENT_LIMITS } from "@/lib/document/validate";
import { AppError, AppErrorCode } from "@/lib/errors";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/request-limits";
import { withRequest } from "@/server/http/request";
import { withBodyWithin } from "@/server/http/request-body";
import { isSameOrigin } from "@/server/http/same-origin";
import { transportSecurityHeaders } from "@/server/http/security-headers";
import { log, wasLogged } from "@/server/observability/log";
import { createTRPCContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ENDPOINT = "/api/trpc";

/**
 * The largest body a call may send: a save of a document at its size limit, plus room for the
 * save's other fields and the few calls batched with it. The proxy does not see this route, so it
 * is enforced here, before the session is looked up or any JSON is parsed.
 */
const BODY_LIMIT_BYTES = DOCUMENT_LIMITS.maxBytes + 512 * 1024;

function responseHeaders(request: Request): Headers {
  // Responses depend on the session: never let a shared cache keep them.
  return new Headers({ "cache-control": "private, no-store", ...transportSecurityHeaders(request.headers) });
}

function procedurePath(request: Request): string {
  const raw = new URL(request.url).pathname.slice(ENDPOINT.length + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A refusal in tRPC's own envelope (one for the whole batch), so the client shows its words. */
function refusal(request: Request, error: TRPCError): Response {
  const config = appRouter._def._config;
  const path = procedurePath(request);
  const shape = getTRPCErrorShape({ config, error, type: "unknown", path, input: undefined, ctx: undefined });
  return Response.json(transformTRPCResponse(config, { error: shape }), { status: shape.data.httpStatus, headers: responseHeaders(request) });
}

async function handler(request: Request) {
  // CSRF: session cookies are SameSite=Lax already; refusing cross-origin writes is the second lock.
  if (request.method !== "GET" && !isSameOrigin(request)) {
    return refusal(request, new TRPCError({ code: "FORBIDDEN", message: "Cross-origin requests are not allowed." }));
  }
  const sized = await withBodyWithin(request, BODY_LIMIT_BYTES);
  if (!sized) {
    const message = `This request is too large: a post can be up to ${DOCUMENT_LIMITS.maxBytes / 1_000_000} MB. Split a longer one into several posts.`;
    const cause = new AppError(AppErrorCode.INVALID_INPUT, message, { field: "size" });
    return refusal(request, new TRPCError({ code: "PAYLOAD_TOO_LARGE", message, cause }));
  }
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req: sized,
    router: appRouter,
    createContext: createTRPCContext,
    // Larger batches are refused (400) before any call runs; the browser's link never sends one.
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    responseMeta() {
      return { headers: responseHeaders(request) };
    },
    // The one log line of a call that failed on our side (its answer quotes the request id), and
    // a warning for one refused because something we depend on is not answering.
    onError({ error, path }) {
      const fields = { err: error.cause ?? error, procedure: path ?? null };
      if (error.code === "INTERNAL_SERVER_ERROR") log.error(fields, "tRPC call failed");
      else if (error.code === "SERVICE_UNAVAILABLE" && !wasLogged(error)) log.warn(fields, "tRPC call answered unavailable: a dependency is not answering");
    },
  });
}

const route = withRequest("/api/trpc/[trpc]", handler);
export { route as GET, route as POST };
