// The addresses whose anonymous version is the same for every reader, and so may be kept in a
// shared cache (a CDN, nginx, Next's own): the public URL contract's creator pages, posts and
// feeds, the front page and explore with its category pages. Everything else (the studio, sign-in, account, join and
// checkout, search with its query) is rendered per request and per viewer.
import { CREATOR_CATEGORY_SLUGS } from "./creator-categories";
import { handleProblem, RESERVED_HANDLES } from "./handle";
import { SESSION_COOKIES } from "./session-cookie";

const SITE_WIDE = new Set(["/", "/explore", "/sitemap.xml", "/robots.txt"]);

/** `/{handle}` followed by nothing, or by one of these. */
const UNDER_HANDLE = [/^$/, /^\/posts$/, /^\/posts\/[^/]+$/, /^\/collections\/[^/]+$/, /^\/collections\/[^/]+\/feed\.xml$/, /^\/feed\.xml$/];

/** Explore's page of each category on the list (any other is missing, and not worth a cache entry). */
const CATEGORY_PAGE = new RegExp(`^/explore/(?:${CREATOR_CATEGORY_SLUGS.join("|")})$`);

export function isSharedPagePath(pathname: string): boolean {
  if (SITE_WIDE.has(pathname) || CATEGORY_PAGE.test(pathname)) return true;
  const match = /^\/([^/]+)(.*)$/.exec(pathname);
  if (!match) return false;
  const [, handle = "", rest = ""] = match;
  // Reserved names are the app's own routes (studio, login, search, …), never a creator's page.
  return handleProblem(handle) === null && UNDER_HANDLE.some((pattern) => pattern.test(rest));
}

/** The one audience app/%5Fshared renders for: readers without a session. */
export const SHARED_AUDIENCE = "anonymous";
/**
 * Where the shared versions live. Readers never see it (requests are rewritten to it) and asking
 * for it directly gets the same anonymous page, which canonical links name by its public address.
 */
export const SHARED_PREFIX = `/_shared/${SHARED_AUDIENCE}`;

/**
 * How long an edge (nginx, a CDN) may serve a shared page without asking again (its s-maxage): the
 * longest an anonymous reader behind an edge waits to see a change. The app's own cache has no such
 * delay (changes invalidate it). app/%5Fshared's pages declare it as their `revalidate` (Next
 * requires a literal there); next.config.ts's expireTime bounds the stale-while-revalidate after it.
 */
export const SHARED_PAGE_SECONDS = 10;

type Condition = { type: "cookie" | "header" | "query"; key: string };

/** A request that may be answered with the shared version: no session, and not a form action. */
const NOT_AN_ACTION: Condition = { type: "header", key: "next-action" };
const ANONYMOUS: Condition[] = [...SESSION_COOKIES.map((key) => ({ type: "cookie" as const, key })), NOT_AN_ACTION];

/** A category page's later pages of creators are rendered per request. */
const LATER_PAGE: Condition = { type: "query", key: "cursor" };

/** An archive page with any of these in its address (an older page, a filter) is rendered per request. */
const ARCHIVE_QUERY: Condition[] = ["cursor", "tag", "collection", "type", "unlocked"].map((key) => ({ type: "query" as const, key }));

/**
 * next.config.ts's rewrites (run before any route is matched) that send a request for a shared page
 * to its shared version: without a session cookie, and for feeds, the sitemap and robots.txt always
 * (they are the same for everyone). A query string changes nothing, these pages read none, except
 * the archive's cursor and filters and a category page's cursor: a later or narrowed page is rendered per request.
 * NOTE: rewrites in next.config rather than in the proxy: Next.js takes a proxy's rewrite for an
 * external one, proxied to itself over HTTP, when the server was started with a hostname (`-H`).
 */
export function sharedPageRewrites(): { source: string; destination: string; missing: Condition[] }[] {
  // Any handle but the app's own top-level names, which are its routes (studio, login, …).
  const handle = `:handle((?!(?:${[...RESERVED_HANDLES].join("|")})$)[a-z0-9-]{3,30})`;
  return [
    { source: "/", destination: SHARED_PREFIX, missing: ANONYMOUS },
    { source: "/explore", destination: `${SHARED_PREFIX}/explore`, missing: ANONYMOUS },
    {
      source: `/explore/:category(${CREATOR_CATEGORY_SLUGS.join("|")})`,
      destination: `${SHARED_PREFIX}/explore/:category`,
      missing: [...ANONYMOUS, LATER_PAGE],
    },
    { source: `/${handle}`, destination: `${SHARED_PREFIX}/:handle`, missing: ANONYMOUS },
    { source: `/${handle}/posts`, destination: `${SHARED_PREFIX}/:handle/posts`, missing: [...ANONYMOUS, ...ARCHIVE_QUERY] },
    { source: `/${handle}/posts/:slug`, destination: `${SHARED_PREFIX}/:handle/posts/:slug`, missing: ANONYMOUS },
    { source: `/${handle}/collections/:slug`, destination: `${SHARED_PREFIX}/:handle/collections/:slug`, missing: ANONYMOUS },
    { source: `/${handle}/feed.xml`, destination: `${SHARED_PREFIX}/:handle/feed.xml`, missing: [NOT_AN_ACTION] },
    {
      source: `/${handle}/collections/:slug/feed.xml`,
      destination: `${SHARED_PREFIX}/:handle/collections/:slug/feed.xml`,
      missing: [NOT_AN_ACTION],
    },
    { source: "/sitemap.xml", destination: `${SHARED_PREFIX}/sitemap-index`, missing: [NOT_AN_ACTION] },
    { source: "/sitemap/:file", destination: `${SHARED_PREFIX}/sitemap/:file`, missing: [NOT_AN_ACTION] },
    { source: "/robots.txt", destination: `${SHARED_PREFIX}/robots.txt`, missing: [NOT_AN_ACTION] },
  ];
}
