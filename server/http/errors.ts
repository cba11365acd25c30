// Errors as route handlers answer them: a typed AppError gets its status from the one map in
// lib/errors.ts (the tRPC init uses the same) and its plain words; anything else is logged and
// answered with a generic 500 quoting the request's id, so no stack trace or SQL reaches a client
// and the person who got it can name it to whoever reads the log.
import "server-only";
import { databaseOutage } from "@/db/client";
import { refusedInput } from "@/db/errors";
import { AppError, failureMessage, httpStatus, type AppErrorCode } from "@/lib/errors";
import { log, wasLogged } from "../observability/log";
import { currentScope, newRequestId } from "../observability/request-scope";

export type ErrorBody = {
  error: {
    code: AppErrorCode | "INTERNAL";
    message: string;
    field?: string;
    /** On a failure of ours (500): the id the server's log line carries, for the person to quote. */
    requestId?: string;
  };
};

type Options = {
  /** Extra headers, e.g. a media refusal's; errors are never stored in a shared cache either way. */
  headers?: Record<string, string>;
  /** Plain text for addresses people open in the browser (downloads); JSON otherwise. */
  as?: "json" | "text";
};

export function errorResponse(error: unknown, { headers = {}, as = "json" }: Options = {}): Response {
  // PostgreSQL's refusals of what a client sent (bad bytes, a malformed number, an unknown id) are
  // the client's mistake: the same 400 tRPC answers. A database that does not answer is an outage
  // (503) the client may retry, not a fault of ours.
  const known = error instanceof AppError ? error : (refusedInput(error) ?? databaseOutage(error));
  const status = known ? httpStatus(known) : 500;
  // Outside a request's scope (nothing should be) the log line and the answer still share an id.
  const requestId = status >= 500 ? (currentScope()?.requestId ?? newRequestId()) : undefined;
  if (!known) log.error({ err: error, requestId }, "request failed");
  // Something we depend on (the database, the disk) is not answering: it passes, or an operator
  // sees it on health; a warning per request, not an error of ours (unless a service logged it).
  else if (status >= 500 && !wasLogged(error)) log.warn({ err: error, requestId, status }, "answered unavailable: a dependency is not answering");
  const body: ErrorBody = known
    ? { error: { code: known.code, message: known.message, field: known.field } }
    : { error: { code: "INTERNAL", message: failureMessage(requestId), requestId } };
  const allHeaders = { "Cache-Control": "private, no-store", ...headers };
  if (as === "text") {
    return new Response(body.error.message, { status, headers: { ...allHeaders, "Content-Type": "text/plain; charset=utf-8" } });
  }
  return Response.json(body, { status, headers: allHeaders });
}
