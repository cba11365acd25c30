// A post that is part of a collection says so, and leads to the posts before and after it in each
// collection it is in: titles and addresses only, which are public whoever reads.
import Link from "next/link";
import type { CollectionPlace } from "@/server/services/posts/collections";

export function CollectionNav({ handle, places }: { handle: string; places: CollectionPlace[] }) {
  if (places.length === 0) return null;
  return (
    <>
      {places.map((place) => (
        <nav key={place.slug} aria-label={`In the collection ${place.title}`} className="mt-10 rounded-2xl border border-line bg-card p-5">
          <p className="text-sm text-muted">
            Part {place.index + 1} of {place.total} in{" "}
            <Link href={`/${handle}/collections/${place.slug}`} className="font-semibold text-accent-strong hover:underline">
              {place.title}
            </Link>
          </p>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            {place.previous ? (
              <Link href={`/${handle}/posts/${place.previous.slug}`} rel="prev" className="rounded-xl border border-line p-3 hover:border-accent">
                <span className="block text-xs font-medium uppercase tracking-wide text-muted">← Previous</span>
                <span className="mt-1 block font-medium">{place.previous.title || "Untitled"}</span>
              </Link>
            ) : (
              <span />
            )}
            {place.next && (
              <Link href={`/${handle}/posts/${place.next.slug}`} rel="next" className="rounded-xl border border-line p-3 text-right hover:border-accent">
                <span className="block text-xs font-medium uppercase tracking-wide text-muted">Next →</span>
                <span className="mt-1 block font-medium">{place.next.title || "Untitled"}</span>
              </Link>
            )}
          </div>
        </nav>
      ))}
    </>
  );
}
