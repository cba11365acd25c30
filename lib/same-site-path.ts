// Where a link may send someone after signing in or joining: only a path on this site. Browsers
// drop tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" or "/\evil.example"
// would leave the site; any whitespace, control character or backslash is therefore refused, and
// the path must resolve against this site without changing its origin.

const UNSAFE = /[\s\\\u0000-\u001f\u007f]/;
const PROBE_ORIGIN = "http://same-site.invalid";

export function isSameSitePath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || UNSAFE.test(path)) return false;
  try {
    return new URL(path, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/** `value` when it is a same-site path, else `fallback`; search params may arrive as arrays. */
export function sameSitePathOr(value: unknown, fallback: string): string {
  return typeof value === "string" && isSameSitePath(value) ? value : fallback;
}
