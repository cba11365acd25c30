// Errors as route handlers answer them: a typed AppError gets its status from the one map in
// lib/errors.ts (the tRPC init uses the same) and its plain words; anything else is logged and
// answered with a generic 500, so no stack trace or SQL reaches a client.
import "server-only";
import { databaseOutage } from "@/db/client";
import { refusedInput } from "@/db/errors";
import { AppError, httpStatus, type AppErrorCode } from "@/lib/errors";

export type ErrorBody = { error: { code: AppErrorCode | "INTERNAL"; message: string; field?: string } };

const INTERNAL_MESSAGE = "Something went wrong on our side. Please try again.";

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
  if (!known) console.error("Request failed:", error);
  const status = known ? httpStatus(known) : 500;
  const body: ErrorBody = known
    ? { error: { code: known.code, message: known.message, field: known.field } }
    : { error: { code: "INTERNAL", message: INTERNAL_MESSAGE } };
  const allHeaders = { "Cache-Control": "private, no-store", ...headers };
  if (as === "text") {
    return new Response(body.error.message, { status, headers: { ...allHeaders, "Content-Type": "text/plain; charset=utf-8" } });
  }
  return Response.json(body, { status, headers: allHeaders });
}
