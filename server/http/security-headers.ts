// The security headers that depend on the request: which page policy a request gets (with its
// nonce), and HSTS when it came over https. The policies themselves are in lib/security-headers.ts.
import "server-only";
import { newNonce, perViewerPagePolicy, servedOverHttps, sharedPagePolicy, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";
import { hasSessionCookie } from "@/lib/session-cookie";
import { isSharedPagePath } from "@/lib/shared-pages";
import { env, isDevelopment } from "../env";

/** HSTS, for a response to a request that reached us over https (by a trusted proxy's word). */
export function transportSecurityHeaders(requestHeaders: Headers): Record<string, string> {
  return servedOverHttps(requestHeaders, env().TRUSTED_PROXY_HOPS) ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {};
}

export type PagePolicy = {
  /** The Content-Security-Policy value. */
  policy: string;
  /** Set for a per-viewer page: Next.js reads it from the policy on the request and adds it to its scripts. */
  nonce: string | null;
};

/**
 * The policy for a page request. A page the same for every anonymous reader gets the shared policy
 * only when no session cookie comes with it: a signed-in viewer's version is theirs alone and is
 * never served from a shared cache, so it can carry a nonce.
 */
export function pagePolicy(pathname: string, cookieNames: Iterable<string>, requestHeaders: Headers): PagePolicy {
  const options = { https: servedOverHttps(requestHeaders, env().TRUSTED_PROXY_HOPS), development: isDevelopment() };
  if (isSharedPagePath(pathname) && !hasSessionCookie(cookieNames)) {
    return { policy: sharedPagePolicy(options), nonce: null };
  }
  const nonce = newNonce();
  return { policy: perViewerPagePolicy(nonce, options), nonce };
}
