import Link from "next/link";
import { buttonClass } from "./button";

/**
 * The links under a list read newest first, a page at a time: back to the newest (past the first
 * page) and on to older posts (when there are more). Nothing on a list that fits one page.
 */
export function PagesNav({
  newestHref,
  nextCursor,
  onFirstPage,
  labels = { newest: "Newest posts", older: "Older posts" },
}: {
  newestHref: string;
  nextCursor: string | null;
  onFirstPage: boolean;
  /** What the list holds, newest and older (posts unless told). */
  labels?: { newest: string; older: string };
}) {
  if (!nextCursor && onFirstPage) return null;
  const olderHref = `${newestHref}${newestHref.includes("?") ? "&" : "?"}cursor=${nextCursor}`;
  return (
    <nav aria-label="Pages" className="mt-6 flex justify-between gap-3">
      {onFirstPage ? (
        <span />
      ) : (
        <Link href={newestHref} className={buttonClass("ghost")}>
          ← {labels.newest}
        </Link>
      )}
      {nextCursor && (
        <Link href={olderHref} rel="next" className={buttonClass("secondary")}>
          {labels.older} →
        </Link>
      )}
    </nav>
  );
}
