// The addresses whose anonymous version is the same for every reader, and so may be kept in a
// shared cache (a CDN, nginx, Next's own): the public URL contract's creator pages, posts and
// feeds, the front page and explore. Everything else (the studio, sign-in, account, join and
// checkout, search with its query) is rendered per request and per viewer.
import { handleProblem } from "./handle";

const SITE_WIDE = new Set(["/", "/explore", "/sitemap.xml", "/robots.txt"]);

/** `/{handle}` followed by nothing, or by one of these. */
const UNDER_HANDLE = [/^$/, /^\/posts$/, /^\/posts\/[^/]+$/, /^\/collections\/[^/]+$/, /^\/feed\.xml$/];

export function isSharedPagePath(pathname: string): boolean {
  if (SITE_WIDE.has(pathname)) return true;
  const match = /^\/([^/]+)(.*)$/.exec(pathname);
  if (!match) return false;
  const [, handle = "", rest = ""] = match;
  // Reserved names are the app's own routes (studio, login, search, …), never a creator's page.
  return handleProblem(handle) === null && UNDER_HANDLE.some((pattern) => pattern.test(rest));
}
