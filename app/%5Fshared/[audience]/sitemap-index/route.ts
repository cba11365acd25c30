// /sitemap.xml, the same for everyone who asks: always served from here and kept.
// NOTE: not at ./sitemap.xml: Next.js takes a route at that name for a metadata route and renders
// it per request, so it would never be kept.
export { GET } from "@/app/sitemap.xml/route";

export const runtime = "nodejs";
export const dynamic = "force-static";
export const revalidate = 10; // SHARED_PAGE_SECONDS (lib/shared-pages.ts)
