// The status tabs above the library, each with how many posts match the other filters.
import Link from "next/link";
import type { LibraryCounts } from "@/server/services/posts/library";
import type { LibraryStatus } from "@/lib/schemas/post-library";
import { libraryHref, type LibraryParams } from "@/lib/schemas/post-library";

const TABS: { status: LibraryStatus | undefined; label: string; count: keyof LibraryCounts }[] = [
  { status: undefined, label: "All", count: "all" },
  { status: "draft", label: "Drafts", count: "draft" },
  { status: "scheduled", label: "Scheduled", count: "scheduled" },
  { status: "published", label: "Published", count: "published" },
  { status: "archived", label: "Archived", count: "archived" },
];

export function StatusTabs({ params, counts }: { params: LibraryParams; counts: LibraryCounts }) {
  return (
    <nav aria-label="Filter by status" className="-mx-1">
      {/* Wrapped rather than scrolled: on a phone every status stays in sight. */}
      <ul className="flex flex-wrap gap-1 px-1">
        {TABS.map((tab) => {
          const current = params.status === tab.status;
          return (
            <li key={tab.label}>
              <Link
                href={libraryHref({ ...params, status: tab.status, cursor: undefined })}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-2 whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium ${
                  current ? "bg-accent-soft text-accent-strong" : "text-muted hover:bg-card hover:text-ink"
                }`}
              >
                {tab.label}
                <span className="rounded-full bg-line px-1.5 text-xs tabular-nums text-muted">{counts[tab.count]}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
