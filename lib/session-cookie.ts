// Whether a request carries a session at all, from its cookie names alone: what the proxy needs to
// tell a page that is the same for every anonymous reader from one rendered for a signed-in viewer.

/** Auth.js's session cookie, over http and (with the `__Secure-` prefix) over https. */
export const SESSION_COOKIES: readonly string[] = ["authjs.session-token", "__Secure-authjs.session-token"];

/** True when any of `names` is a session cookie; says nothing about whether the session is live. */
export function hasSessionCookie(names: Iterable<string>): boolean {
  for (const name of names) if (SESSION_COOKIES.includes(name)) return true;
  return false;
}

/**
 * The session token a request carries, read as Auth.js reads it. A site configured on https sets
 * and reads only the `__Secure-` cookie, which a browser accepts only over https: a plain cookie
 * there may have been planted over http (a network attacker, a sibling subdomain) to sign the
 * visitor in as someone else, so it is ignored. Elsewhere the `__Secure-` one still comes first.
 */
export function sessionTokenOf(cookie: (name: string) => string | undefined, siteIsHttps: boolean): string | undefined {
  const [plain, secure] = SESSION_COOKIES;
  return cookie(secure!) || (siteIsHttps ? undefined : cookie(plain!)) || undefined;
}
