// The addresses whose anonymous version is the same for every reader, and so may be kept in a
// shared cache (a CDN, nginx, Next's own): the public URL contract's creator pages, posts and
// feeds, the front page and explore. Everything else (the studio, sign-in, account, join and
// checkout, search with its query) is rendered per request and per viewer.
import { handleProblem } from "./handle";
import { hasSessionCookie } from "./session-cookie";

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

/** The one audience app/%5Fshared renders for: readers without a session. */
export const SHARED_AUDIENCE = "anonymous";
/**
 * Where the shared versions live. Readers never see it (the proxy rewrites to it) and asking for it
 * directly gets the same anonymous page, which canonical links name by its public address.
 */
export const SHARED_PREFIX = `/_shared/${SHARED_AUDIENCE}`;

/**
 * How long an edge (nginx, a CDN) may serve a shared page without asking again (its s-maxage): the
 * longest an anonymous reader behind an edge waits to see a change. The app's own cache has no such
 * delay (changes invalidate it). app/%5Fshared's pages declare it as their `revalidate` (Next
 * requires a literal there); next.config.ts's expireTime bounds the stale-while-revalidate after it.
 */
export const SHARED_PAGE_SECONDS = 10;

/** The pages app/%5Fshared renders: the shared ones that exist so far. */
const RENDERED_SHARED = [/^\/$/, /^\/explore$/, /^\/[^/]+$/, /^\/[^/]+\/posts\/[^/]+$/, /^\/[^/]+\/feed\.xml$/];

/** Query parameters that do not change what a page shows: Next's own variant key for its RSC requests. */
const NEUTRAL_PARAMS = new Set(["_rsc"]);

export type SharedRequest = {
  method: string;
  pathname: string;
  searchParams: URLSearchParams;
  cookieNames: Iterable<string>;
};

/**
 * The internal address of the shared version of this request, or null when it must be rendered for
 * its viewer: anything but GET or HEAD, a session cookie (a feed excepted: it is the same for
 * everyone), or a query the page might read.
 */
export function sharedVariantPath({ method, pathname, searchParams, cookieNames }: SharedRequest): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (!isSharedPagePath(pathname) || !RENDERED_SHARED.some((pattern) => pattern.test(pathname))) return null;
  if (!pathname.endsWith("/feed.xml") && hasSessionCookie(cookieNames)) return null;
  for (const name of searchParams.keys()) if (!NEUTRAL_PARAMS.has(name)) return null;
  return pathname === "/" ? SHARED_PREFIX : `${SHARED_PREFIX}${pathname}`;
}
