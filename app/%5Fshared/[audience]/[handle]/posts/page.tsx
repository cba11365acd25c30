// The anonymous, shared version of this page's first page (see ../../layout.tsx for how and why);
// an "older posts" page, with its cursor, is rendered per request.
export { default, generateMetadata } from "@/app/(public)/[handle]/posts/page";

export const dynamic = "force-static";
export const revalidate = 10; // SHARED_PAGE_SECONDS (lib/shared-pages.ts)
