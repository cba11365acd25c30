// The anonymous, shared version of this page (see ../../layout.tsx for how and why).
export { default, generateMetadata } from "@/app/(public)/explore/[category]/page";

export const dynamic = "force-static";
export const revalidate = 10; // SHARED_PAGE_SECONDS (lib/shared-pages.ts)
