// The same for everyone who asks: always served from here and kept.
export { GET } from "@/app/sitemap/[file]/route";

export const runtime = "nodejs";
export const dynamic = "force-static";
export const revalidate = 10; // SHARED_PAGE_SECONDS (lib/shared-pages.ts)
