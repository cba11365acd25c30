// Reads the plain-words message and the offending field out of a tRPC error for the UI.
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/root";

export type UiError = { message: string; field: string | null; fieldErrors: Record<string, string[]>; code: string | null };

export function uiError(error: unknown): UiError {
  if (error instanceof TRPCClientError) {
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
