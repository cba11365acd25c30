// One answer to an analytics beacon, whichever listener took it: the app's /api/events route, or
// the ingest listener that a reverse proxy sends beacons to so they skip the app's request pipeline
// (server/http/ingest-listener.ts). Refusals in plain words; 204 whether the event was counted or
// not, so a bot learns nothing from the answer.
import "server-only";
import { ZodError } from "zod";
import { AppError, AppErrorCode } from "@/lib/errors";
import { acceptBeacon } from "../services/analytics/ingest";
import { errorResponse } from "./errors";
import { isSameOrigin } from "./same-origin";

/** A beacon is a few hundred bytes; twice the longest addresses it carries. */
export const BEACON_LIMIT_BYTES = 6 * 1024;

const NO_CONTENT = { status: 204, headers: { "Cache-Control": "private, no-store" } };

function invalid(message: string): Response {
  return errorResponse(new AppError(AppErrorCode.INVALID_INPUT, message));
}

/** A beacon from this site is sent from its pages; anything else is refused before its body is read. */
export function beaconRefusal(headers: Headers): Response | null {
  return isSameOrigin({ headers }) ? null : errorResponse(new AppError(AppErrorCode.FORBIDDEN, "Events must be sent from this site."));
}

/** `bytes`: the body as read within BEACON_LIMIT_BYTES, or null when it went past it. */
export function answerBeacon(headers: Headers, address: string, bytes: Uint8Array | null, now: Date): Response {
  if (bytes === null) return invalid("This event is too large.");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return invalid("An event is a JSON object.");
  }
  try {
    acceptBeacon(headers, address, body, now);
  } catch (error) {
    if (error instanceof ZodError) return invalid(`This is not an event: ${error.issues[0]?.path.join(".") || "body"} ${error.issues[0]?.message ?? ""}`.trim());
    throw error;
  }
  return new Response(null, NO_CONTENT);
}
