// Each request's id: what a log line, an error page and a support question share. A proxy in front
// of us may have named the request already (X-Request-Id), and its name is kept so one id runs
// through its log and ours; but only a proxy we trust (TRUSTED_PROXY_HOPS) may name it: otherwise
// the header is whatever the client chose, and a client could make its requests look like someone
// else's. Decided once, when the request arrives (./request.ts), and read from the headers after.
import "server-only";
import { env } from "../env";
import { newRequestId } from "../observability/request-scope";

export const REQUEST_ID_HEADER = "x-request-id";

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `incoming` when a trusted proxy set it and it is short, plain text; otherwise a new id. */
export function decideRequestId(incoming: string | null | undefined, hops?: number): string {
  // NOTE: the settings are read only when there is a header to judge: most requests bring none,
  // and every request is decided here.
  if (!incoming || !SANE_ID.test(incoming)) return newRequestId();
  return (hops ?? env().TRUSTED_PROXY_HOPS) > 0 ? incoming : newRequestId();
}

const STAMPING = Symbol.for("atelier.stampRequestIds");

/** Whether every request arriving at this process gets its id in its headers (./request.ts). */
export function stampingRequestIds(): boolean {
  return (globalThis as { [STAMPING]?: boolean })[STAMPING] === true;
}

export function startStampingRequestIds(): boolean {
  if (stampingRequestIds()) return false;
  (globalThis as { [STAMPING]?: boolean })[STAMPING] = true;
  return true;
}

/**
 * The id of the request these headers came with. Once the server stamps every request, the header
 * is the decided id (it replaced anything the client sent); without the stamp (a handler called
 * outside the server, in a test) the id is decided here.
 */
export function requestIdOf(headers: Headers): string {
  const header = headers.get(REQUEST_ID_HEADER);
  return stampingRequestIds() && header ? header : decideRequestId(header);
}
