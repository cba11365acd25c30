// A request from its first moment to its answer: its id decided and stamped on it (./request-id.ts),
// the scope every log line inside it reads the id from, the X-Request-Id header on the answer, and,
// for route handlers, the HTTP metrics and one place that turns an unexpected failure into a 500.
import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { unstable_rethrow } from "next/navigation";
import { log } from "../observability/log";
import { recordHttpRequest } from "../observability/metrics";
import { enterScope, runInScope } from "../observability/request-scope";
import { errorResponse } from "./errors";
import { decideRequestId, REQUEST_ID_HEADER, requestIdOf, startStampingRequestIds } from "./request-id";

const RESPONSE_HEADER = "X-Request-Id";
const STARTED = Symbol("atelier.requestStarted");

type Arrived = IncomingMessage & { [STARTED]?: number };

/**
 * Every request this process serves, pages and assets included, from the moment Node parses it:
 * its id replaces any X-Request-Id a client sent (a trusted proxy's is kept), goes on the response
 * at once (so even Next.js's own error pages carry it), and becomes the scope of all the work the
 * request starts. With LOG_LEVEL=debug each answered request is a line (a reverse proxy usually
 * keeps the access log; ours adds the id). Once per process, at start-up.
 */
export function followIncomingRequests(): void {
  if (!startStampingRequestIds()) return;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: Arrived; response: ServerResponse };
    const requestId = decideRequestId(headerValue(request.headers[REQUEST_ID_HEADER]));
    request.headers[REQUEST_ID_HEADER] = requestId;
    // Read only by the debug line below: the clock is not read when nobody would see it.
    if (log.isLevelEnabled("debug")) request[STARTED] = performance.now();
    response.setHeader(RESPONSE_HEADER, requestId);
    // NOTE: Node publishes this just before it hands the request to Next.js, in the same
    // synchronous step, so everything Next.js does for the request inherits the scope. No
    // callback wraps that step; entering the scope for the rest of it is the only way in.
    enterScope({ requestId });
  });
  diagnosticsChannel.subscribe("http.server.response.finish", (message) => {
    if (!log.isLevelEnabled("debug")) return;
    const { request, response } = message as { request: Arrived; response: ServerResponse };
    const started = request[STARTED];
    log.debug(
      {
        requestId: headerValue(request.headers[REQUEST_ID_HEADER]),
        method: request.method,
        path: request.url,
        status: response.statusCode,
        ms: started === undefined ? undefined : Math.round(performance.now() - started),
      },
      "request answered",
    );
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

type RouteHandler<R extends Request, A extends unknown[]> = (request: R, ...rest: A) => Response | Promise<Response>;

/**
 * A route handler as every one of ours runs: in its request's scope, answering with X-Request-Id,
 * counted and timed under `route` (the route's pattern, never the URL: one series per route), and
 * with anything it throws answered by errorResponse (logged once, a 500 quoting the request id).
 */
export function withRequest<R extends Request, A extends unknown[]>(route: string, handler: RouteHandler<R, A>): (request: R, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const requestId = requestIdOf(request.headers);
    const started = performance.now();
    const response = await runInScope({ requestId }, async () => {
      try {
        return await handler(request, ...rest);
      } catch (error) {
        // redirect() and notFound() are thrown on purpose, for Next.js to answer.
        unstable_rethrow(error);
        return errorResponse(error);
      }
    });
    recordHttpRequest(route, request.method, response.status, (performance.now() - started) / 1000);
    return withHeader(response, RESPONSE_HEADER, requestId);
  };
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Response.redirect() and fetched responses have read-only headers: answer a copy.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
