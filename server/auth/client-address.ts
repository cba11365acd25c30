// The client's address for rate limiting, from x-forwarded-for counted from the right.
// Each proxy appends the address it saw, so only the entries added by our own proxies can be
// trusted; everything to their left is whatever the client chose to send. Next.js itself fills
// the header with the socket's address when it is absent (and only then), so without a proxy in
// front the single entry is that address — or, if a client sent one, its own claim, which is why
// production belongs behind a proxy that appends (nginx `$proxy_add_x_forwarded_for`, Caddy, …).
import "server-only";
import { env } from "../env";

/** `hops`: how many proxies in front of the app append to x-forwarded-for; 1 = one reverse proxy, or none. */
export function clientAddress(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // With fewer entries than trusted hops the left-most is the nearest we know of the client.
  const address = entries.length ? entries[Math.max(0, entries.length - hops)] : undefined;
  return address || headers.get("x-real-ip") || "local";
}
