// The site's public origin, for every absolute address we hand out: links in emails, Stripe's
// return addresses, feeds, robots.txt, the sitemap and canonical links. AUTH_URL where set
// (production must set it); otherwise the local development server.
// NOTE: never the request's Host header: feeds are cached and shared, and a forged Host would
// otherwise end up in links other readers get.
import "server-only";
import { env } from "../env";

const DEVELOPMENT_ORIGIN = "http://localhost:3000";

export function siteOrigin(): string {
  const configured = env().AUTH_URL;
  return configured ? new URL(configured).origin : DEVELOPMENT_ORIGIN;
}

/** `path` (root-relative, as our routes are named) on this site. */
export function siteUrl(path: string): string {
  return new URL(path, siteOrigin()).toString();
}
