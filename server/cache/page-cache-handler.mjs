// Next.js's cache handler (next.config.ts `cacheHandler`): the rendered pages and route answers it
// keeps for the anonymous, shared versions of public pages, held in the page store (one per
// process, in memory or shared in Redis). Next asks `get` before rendering such a page and hands
// the result to `set` after; what is stale and when is decided in page-store.mjs.
import { pageStore } from "./page-store.mjs";

/** Rendered pages and route answers; Next's other kinds (fetch data, images) are not kept here. */
const KEPT_KINDS = new Set(["APP_PAGE", "APP_ROUTE"]);

/** What an edge may do with a kept page: keep it for its `revalidate`, then serve it while it asks again. */
function sharedCacheControl({ revalidate, expire }) {
  const stale = typeof expire === "number" && expire > revalidate ? `, stale-while-revalidate=${expire - revalidate}` : "";
  return `public, s-maxage=${revalidate}${stale}`;
}

export default class PageCacheHandler {
  constructor() {
    // NOTE: `next build` prerenders nothing of ours (shared pages have no build-time params), and
    // must not connect to anything: the store is opened on the first request.
    this.building = process.env.NEXT_PHASE === "phase-production-build";
  }

  async get(key, ctx) {
    if (this.building || !KEPT_KINDS.has(ctx?.kind)) return null;
    return pageStore().get(key);
  }

  async set(key, data, ctx) {
    if (this.building || (data !== null && !KEPT_KINDS.has(data.kind))) return;
    // A page rendered with a request's nonce was rendered for that request (the proxy never sends
    // one with a shared page's request; a request straight to the internal address gets one): it
    // is not kept, and whatever was kept stays.
    if (typeof data?.html === "string" && data.html.includes(" nonce=")) return;
    // A page that failed (the database out of reach, say) is answered, never kept: the next reader
    // gets a fresh try, not the failure.
    if (typeof data?.status === "number" && data.status >= 500) return;
    // NOTE: Next.js answers with the headers of the entry it stores, the render just made as well as
    // a kept one, and writes its own Cache-Control only where there is none. Its own lacks `public`;
    // the same lifetimes are said here with it. (Set before storing, so the kept copy says it too.)
    if (data?.headers && ctx?.cacheControl) data.headers["cache-control"] = sharedCacheControl(ctx.cacheControl);
    await pageStore().set(key, data, ctx?.cacheControl);
  }

  // NOTE: nothing calls revalidateTag or revalidatePath: changes invalidate through the store
  // (server/cache/pages.ts), which jobs and other processes can reach too.
  async revalidateTag() {}

  resetRequestCache() {}
}
