import Link from "next/link";

/** The views of Analytics: the overview, posts, and members and earnings. */
export function AnalyticsTabs({ current, query }: { current: "overview" | "posts" | "earnings"; query: string }) {
  const tab = (name: "overview" | "posts" | "earnings", href: string, label: string) => (
    <Link
      href={`${href}${query}`}
      aria-current={current === name ? "page" : undefined}
      className="border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-muted aria-[current=page]:border-ink aria-[current=page]:text-ink"
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Analytics" className="mt-4 flex gap-5 border-b border-line">
      {tab("overview", "/studio/analytics", "Overview")}
      {tab("posts", "/studio/analytics/posts", "Posts")}
      {tab("earnings", "/studio/analytics/earnings", "Members & earnings")}
    </nav>
  );
}
