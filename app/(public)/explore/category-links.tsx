// Every category of the fixed list, each a link to its page of explore.
import Link from "next/link";
import { CREATOR_CATEGORIES } from "@/lib/creator-categories";

export function CategoryLinks({ current }: { current?: string }) {
  return (
    <nav aria-label="Categories">
      <ul className="flex flex-wrap gap-2">
        {CREATOR_CATEGORIES.map((category) => (
          <li key={category.slug}>
            <Link
              href={`/explore/${category.slug}`}
              aria-current={category.slug === current ? "page" : undefined}
              className={`block rounded-full border px-3 py-1 text-sm transition ${
                category.slug === current ? "border-accent bg-accent-soft font-semibold text-accent-strong" : "border-line bg-card text-ink hover:border-accent"
              }`}
            >
              {category.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
