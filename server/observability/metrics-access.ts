// Who may read /api/metrics: a scraper presenting METRICS_TOKEN as a bearer token, or one at an
// address in METRICS_ALLOW. With neither set the endpoint is off.
import "server-only";
import { timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { clientAddress } from "../auth/client-address";
import { env } from "../env";

/**
 * 404 when metrics are off: nothing is there to reach. 401 (with a Bearer challenge) when a token
 * would let the request in, 403 when only addresses are configured and this one is not among them:
 * Prometheus shows the status on its targets page, so each says what to fix (the token in the
 * scrape config, or the allow list). Nothing is revealed by either: every Atelier has this route.
 */
export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403 | 404 };

function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 192.0.2.7 as an IPv4-mapped IPv6 address (how a dual-stack socket reports it) is 192.0.2.7. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

let cachedList: { entries: string[]; list: BlockList } | undefined;

function isAllowedAddress(address: string, entries: string[]): boolean {
  const plain = plainAddress(address);
  const family = isIP(plain);
  if (!family) return false;
  if (cachedList?.entries !== entries) cachedList = { entries, list: allowList(entries) };
  return cachedList.list.check(plain, family === 6 ? "ipv6" : "ipv4");
}

export function metricsAccess(request: Request): MetricsAccess {
  // The request is read before the settings, even when metrics are off: a GET handler that reads
  // no request data may be prerendered at build (Cache Components) and answer the same forever.
  const given = bearerToken(request.headers);
  const address = clientAddress(request.headers);
  const { METRICS_TOKEN: token, METRICS_ALLOW: allowed } = env();
  if (!token && allowed.length === 0) return { allowed: false, status: 404 };
  if (token && given && sameSecret(given, token)) return { allowed: true };
  if (allowed.length > 0 && isAllowedAddress(address, allowed)) return { allowed: true };
  return { allowed: false, status: token ? 401 : 403 };
}
