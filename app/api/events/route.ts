// The analytics beacon's ingest: public pages (cached ones too) send a page view and an engaged
// read here with navigator.sendBeacon. Answers at once; the event is written with the next batch
// (server/services/analytics/ingest.ts). Nothing is set or read that identifies the reader.
import { ZodError } from "zod";
import { AppError, AppErrorCode } from "@/lib/errors";
import { clientAddress } from "@/server/auth/client-address";
import { errorResponse } from "@/server/http/errors";
import { readWithin } from "@/server/http/request-body";
import { withRequest } from "@/server/http/request";
import { isSameOrigin } from "@/server/http/same-origin";
import { acceptBeacon } from "@/server/services/analytics/ingest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A beacon is a few hundred bytes; twice the longest addresses it carries. */
const BEACON_LIMIT_BYTES = 6 * 1024;

const NO_CONTENT = { status: 204, headers: { "Cache-Control": "private, no-store" } };

function invalid(message: string): Response {
  return errorResponse(new AppError(AppErrorCode.INVALID_INPUT, message));
}

export const POST = withRequest("/api/events", async (request: Request) => {
  if (!isSameOrigin(request)) return errorResponse(new AppError(AppErrorCode.FORBIDDEN, "Events must be sent from this site."));
  const bytes = request.body ? await readWithin(request.body, BEACON_LIMIT_BYTES) : new Uint8Array();
  if (bytes === null) return invalid("This event is too large.");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return invalid("An event is a JSON object.");
  }
  try {
    acceptBeacon(request.headers, clientAddress(request.headers), body, new Date());
  } catch (error) {
    if (error instanceof ZodError) return invalid(`This is not an event: ${error.issues[0]?.path.join(".") || "body"} ${error.issues[0]?.message ?? ""}`.trim());
    throw error;
  }
  // The same answer whether the event was counted or not: a bot learns nothing from it.
  return new Response(null, NO_CONTENT);
});
