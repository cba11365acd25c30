// Turning media errors into JSON responses for the media route handlers, with the same statuses
// the tRPC error mapper uses, so the editor can show the words next to the upload.
import { AppError, AppErrorCode } from "@/lib/errors";

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  RATE_LIMITED: 429,
};

export type MediaErrorBody = { error: { code: AppErrorCode | "INTERNAL"; message: string; field?: string } };

export function mediaErrorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  if (error instanceof AppError) {
    // A body over the cap is "content too large", which proxies and clients understand.
    const status = error.code === AppErrorCode.INVALID_INPUT && error.field === "size" ? 413 : STATUS[error.code];
    const body: MediaErrorBody = { error: { code: error.code, message: error.message, field: error.field } };
    return Response.json(body, { status, headers: { "Cache-Control": "private, no-store", ...headers } });
  }
  console.error("Media request failed:", error);
  const body: MediaErrorBody = { error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } };
  return Response.json(body, { status: 500, headers: { "Cache-Control": "private, no-store" } });
}
