// The URL allow-list for post documents: which addresses may reach a reader's browser as a link
// (and, later, as media). Shared by the editor, the validator and the renderer so all three agree.

export type UrlPolicy = {
  /** Allowed schemes, lowercase with the trailing colon. Defaults to LINK_PROTOCOLS. */
  protocols?: readonly string[];
  /** Allow same-site paths such as "/studio". Protocol-relative "//host" is never allowed. */
  allowRelative?: boolean;
  /** When set, http(s) URLs must point at one of these hostnames (lowercase, exact match). */
  hosts?: readonly string[];
};

export const LINK_PROTOCOLS: readonly string[] = ["http:", "https:", "mailto:"];

// Browsers drop ASCII tab/newline anywhere and C0 controls/space at the ends before reading the
// scheme, so "java\tscript:" runs as javascript:. Stripping a superset (every control, every
// Unicode space, zero-width and BOM characters) means any scheme a browser could see, we see too.
const IGNORABLE_CHARS =
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\s]/g;

const SCHEME = /^([a-z][a-z0-9+.-]*):/;

/** The URL as a browser would read its scheme: ignorable characters removed, lowercased. */
function normaliseUrl(url: string): string {
  return url.replace(IGNORABLE_CHARS, "").toLowerCase();
}

/** The scheme with its colon ("javascript:"), or null for a relative reference. */
export function urlScheme(url: string): string | null {
  const match = SCHEME.exec(normaliseUrl(url));
  return match ? `${match[1]}:` : null;
}

/**
 * Whether `url` may be emitted as an href. Never throws; non-strings are unsafe.
 * Relative URLs must start with exactly one "/" (a backslash counts as a slash, as in browsers).
 */
export function isSafeUrl(url: string, policy: UrlPolicy = {}): boolean {
  if (typeof url !== "string") return false;
  const protocols = policy.protocols ?? LINK_PROTOCOLS;
  const normalised = normaliseUrl(url);
  if (normalised === "") return false;

  const scheme = urlScheme(url);
  if (scheme === null) {
    if (policy.allowRelative === false) return false;
    const second = normalised.charAt(1);
    return normalised.startsWith("/") && second !== "/" && second !== "\\";
  }
  if (!protocols.includes(scheme)) return false;
  if (scheme !== "http:" && scheme !== "https:") return true;

  // Parse the normalised form: that is what the browser will end up requesting.
  let parsed: URL;
  try {
    parsed = new URL(normalised);
  } catch {
    return false;
  }
  if (parsed.hostname === "") return false;
  return policy.hosts === undefined || policy.hosts.includes(parsed.hostname);
}
