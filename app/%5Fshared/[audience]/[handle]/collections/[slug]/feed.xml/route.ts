// The feed is the same for everyone who asks, signed in or not: always served from here and kept.
export { GET } from "@/app/(public)/[handle]/collections/[slug]/feed.xml/route";

export const runtime = "nodejs";
export const dynamic = "force-static";
export const revalidate = 10; // SHARED_PAGE_SECONDS (lib/shared-pages.ts)
