import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { FORM_BODY_LIMIT_BYTES } from "./lib/request-limits";
import { NON_PAGE_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./lib/security-headers";
import { sharedPageRewrites } from "./lib/shared-pages";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and extension bundles from its own package folder at run time;
  // bundling it breaks those paths even though the build succeeds.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Title, description and canonical link in <head> for every client. Next streams a page's metadata
  // into <body> when the page renders before it, except for the crawlers on its own list; any other
  // reader of the HTML (a link preview, an SEO audit, a crawler not on that list) then finds a page
  // without them. Our metadata reads what the page reads anyway, so waiting for it costs no query.
  htmlLimitedBots: /.*/,
  // The anonymous versions of public pages are kept by our handler (server/cache/page-store.mjs):
  // in memory, or in Redis for every process at once, and invalidated by the changes that alter
  // them. Next's own memory layer in front of it would keep serving a page another process has
  // invalidated, so it is off.
  cacheHandler: fileURLToPath(new URL("./server/cache/page-cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  // A kept page unasked for this long is rendered afresh before it is served again.
  expireTime: 60,
  // Type checking runs once, in `npm run typecheck` (CI runs it before building); the build
  // skipping it saves a full second pass over the project on a two-core machine.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // The proxy refuses larger action bodies with 413 first (past its limit, Next.js answers 500).
    serverActions: { bodySizeLimit: FORM_BODY_LIMIT_BYTES },
    // Next.js buffers every body the proxy sees, up to this size. The buffer ends at a chunk
    // boundary, so the margin lets the proxy see that a body without a Content-Length went past
    // the limit rather than a copy cut short just under it.
    proxyClientMaxBodySize: FORM_BODY_LIMIT_BYTES + 1024 * 1024,
  },
  // The shared, cached versions of public pages for readers without a session (lib/shared-pages.ts).
  async rewrites() {
    return { beforeFiles: sharedPageRewrites(), afterFiles: [], fallback: [] };
  },
  async headers() {
    return [
      // On every response, including those the proxy does not see (static assets, tRPC, media).
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      // Route handlers answer data, not pages. The media route sets its own (a sandbox for files).
      {
        source: "/api/:path((?!media(?:/|$)).*)",
        headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
