// Reads the plain-words message and the offending field out of a tRPC error for the UI. A failure on
// the server's side comes with a reference (the request's id, which the server's log line carries),
// already in its words; nothing technical (a stack, a parser's complaint) is ever shown.
import { TRPCClientError } from "@trpc/client";
import { digestOf } from "@/lib/errors";
import type { AppRouter } from "@/server/trpc/root";

export type UiError = { message: string; field: string | null; fieldErrors: Record<string, string[]>; code: string | null };

export function uiError(error: unknown): UiError {
  // NOTE: without data the error never came from our error formatter (the network failed, or
  // something in between answered with its own page): its message is not for people.
  if (error instanceof TRPCClientError && (error as TRPCClientError<AppRouter>).data) {
    const e = error as TRPCClientError<AppRouter>;
    const data = e.data;
    return {
      message: e.message,
      field: data?.field ?? null,
      fieldErrors: data?.fieldErrors ?? {},
      code: data?.appCode ?? data?.code ?? null,
    };
  }
  const offline = typeof navigator !== "undefined" && !navigator.onLine;
  return {
    message: offline ? "You are offline. Your work is kept on this device." : "Something went wrong. Please try again.",
    field: null,
    fieldErrors: {},
    code: null,
  };
}

export function fieldError(error: UiError | null, field: string): string | null {
  if (!error) return null;
  return error.fieldErrors[field]?.[0] ?? (error.field === field ? error.message : null);
}

/**
 * What a person can quote about a failure of ours, so whoever reads the server's log finds it: the
 * request id of a failed tRPC call, or the digest Next.js gives a page that failed to render on the
 * server (its log line carries both). Null for a failure in the browser, which the server never saw.
 */
export function errorReference(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const requestId = (error as TRPCClientError<AppRouter>).data?.requestId;
    if (requestId) return requestId;
  }
  return digestOf(error) ?? null;
}
