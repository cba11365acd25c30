// The client's address for rate limiting. X-Forwarded-For is only as true as the proxies that wrote
// it: each appends the address it saw, so only the entries our own proxies added can be trusted and
// everything to their left is whatever the client chose to send. TRUSTED_PROXY_HOPS says how many
// proxies stand in front; with none (the default) the header is ignored and the address is the
// socket's peer, which Next.js does not pass on: the server stamps it on every request itself.
import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { env } from "../env";

/** Set on every request from the socket, over anything a client sent under the same name. */
const PEER_HEADER = "x-atelier-peer-address";
const RECORDING = Symbol.for("atelier.recordPeerAddresses");

/** What limits count when the address cannot be known (the stamp was not on yet). */
export const UNKNOWN_ADDRESS = "unknown";

function recording(): boolean {
  return (globalThis as { [RECORDING]?: boolean })[RECORDING] === true;
}

/**
 * Stamps each incoming request with the address of the socket it came on. Node publishes every
 * request on this channel before the server sees it, so the stamp is there for every handler.
 * Once per process; whichever bundle calls it first installs it.
 */
export function recordPeerAddresses(): void {
  if (recording()) return;
  (globalThis as { [RECORDING]?: boolean })[RECORDING] = true;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
  });
}

function peerAddress(headers: Headers): string | null {
  // Without the stamp installed, a header of this name could only have come from the client.
  return recording() ? headers.get(PEER_HEADER) || null : null;
}

/** `hops`: how many reverse proxies in front of the app append to X-Forwarded-For; 0 = none. */
export function clientAddress(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): string {
  if (hops === 0) return peerAddress(headers) ?? UNKNOWN_ADDRESS;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The nearest proxy is the socket's peer and adds the last entry; with fewer entries than
  // trusted hops, the left-most is the nearest we know of the client.
  const address = entries.length ? entries[Math.max(0, entries.length - hops)] : undefined;
  return address || peerAddress(headers) || UNKNOWN_ADDRESS;
}
