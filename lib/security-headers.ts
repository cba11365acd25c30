// The security headers of every response, decided here and nowhere else. next.config.ts sends the
// static ones on every path; the proxy adds a page's Content-Security-Policy and HSTS; the tRPC
// route, which the proxy does not see, adds HSTS itself. Pure: no request, no environment.
//
// Two page policies, because two kinds of page exist (ARCHITECTURE.md, invariant 8):
//
// - Pages rendered for one viewer (the studio, sign-in, account, join and checkout, search, and
//   every page requested with a session cookie) get a fresh nonce per request: only scripts that
//   carry it run, and what they load ('strict-dynamic'). No 'unsafe-inline' for scripts.
//
// - Pages that are the same for every anonymous reader (lib/shared-pages.ts), which a shared
//   cache serves to many readers from one rendering, cannot carry a nonce: a nonce everyone has
//   read is no secret, and a rendering reused later would need the header it was first sent with.
//   Hashes cannot replace it either: Next.js inlines each page's own RSC payload as inline
//   scripts, different on every page and known only once the body streams, after the headers.
//   So these pages allow inline <script> elements and nothing else a nonce would have stopped:
//   no inline event handlers (`script-src-attr 'none'`, the usual shape of an HTML injection),
//   no script from any other origin, no plugins, no <base>, forms only to us, frames only from the
//   two video players, connections only to us. What keeps an injected <script> out of them is
//   invariant 2 (a post is a validated document; its HTML is built from the schema and sanitized),
//   and what limits the damage is that they carry no session: a request with a session cookie is
//   always answered with the nonce policy, never from the shared cache. The residual risk: a page
//   loaded anonymously keeps its policy for client-side navigations made in the same tab.
//
// frame-ancestors 'none' (and X-Frame-Options: DENY) everywhere: no page of ours is meant to be
// embedded. A future embeddable widget gets its own policy here, for its own path only.
import { EMBED_HOSTS } from "./document/media";

/** Two years; only browsers that reached us over https keep it, and they then never try http. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Powerful features nothing of ours uses, off for our pages and anything they embed. The players'
 * own needs (fullscreen, picture-in-picture, encrypted media) are delegated per iframe by its
 * `allow` attribute (lib/document/nodes/media.ts). Only features browsers recognise: an unknown
 * name is logged as an error on every page.
 */
const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "midi=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/** The same on every response, pages, API and files alike. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Full addresses stay on our site; other sites (and the video players, which need it) get the origin.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
];

/** JSON, feeds and other non-page responses: nothing in them may load or run anything. */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

type PolicyOptions = {
  /** Served over https: subresources are upgraded too. */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval. Never in production. */
  development: boolean;
};

function directives(script: string[], { https, development }: PolicyOptions): string {
  const scriptSources = development ? [...script, "'unsafe-eval'"] : script;
  const list = [
    "default-src 'self'",
    `script-src ${scriptSources.join(" ")}`,
    // Tiptap adds its base styles as a <style> element and React positions menus with style
    // attributes; styles cannot run code, so they are not what this policy is about.
    "style-src 'self' 'unsafe-inline'",
    // blob: for the previews of images and media while they upload.
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${EMBED_HOSTS.map((host) => `https://${host}`).join(" ")}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) list.push("upgrade-insecure-requests");
  return list.join("; ");
}

/** A page rendered for one request: scripts run only with `nonce` (Next.js adds it to its own). */
export function perViewerPagePolicy(nonce: string, options: PolicyOptions): string {
  return directives(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"], options);
}

/** A page that may be rendered once and served to many anonymous readers (see the note above). */
export function sharedPagePolicy(options: PolicyOptions): string {
  return `${directives(["'self'", "'unsafe-inline'"], options)}; script-src-attr 'none'`;
}

/** 128 random bits, base64: unguessable, and new for every request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the browser reached us over https. Next.js itself serves plain http, so only a reverse
 * proxy can say so, in X-Forwarded-Proto; the header counts only when `trustedProxies` (the
 * configured TRUSTED_PROXY_HOPS) says a proxy stands in front to set it. Read like
 * X-Forwarded-For: proxies that append leave the client-facing one's word `trustedProxies` from the end.
 */
export function servedOverHttps(headers: Headers, trustedProxies: number): boolean {
  if (trustedProxies < 1) return false;
  const entries = (headers.get("x-forwarded-proto") ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - trustedProxies)] === "https";
}
