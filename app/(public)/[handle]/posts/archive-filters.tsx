// The archive's filters: a plain form that reloads the page with them in its address (no script
// needed), so a filtered archive can be linked and shared.
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { ChoiceSelect } from "@/app/_components/choice-select";
import type { ArchiveFilters } from "@/lib/schemas/archive";
import { POST_KIND_LABELS, POST_KINDS } from "@/lib/schemas/post-library";

export function ArchiveFilterForm({
  handle,
  filters,
  tags,
  collections,
}: {
  handle: string;
  filters: ArchiveFilters;
  tags: { name: string; slug: string }[];
  collections: { title: string; slug: string }[];
}) {
  const filtered = Object.values(filters).some(Boolean);
  return (
    <form method="get" action={`/${handle}/posts`} aria-label="Filter posts" className="mt-6 grid gap-3 rounded-2xl border border-line bg-card p-4 sm:grid-cols-2 lg:grid-cols-4">
      {tags.length > 0 && (
        <ChoiceSelect label="Tag" anyLabel="Any tag" name="tag" defaultValue={filters.tag ?? ""} options={tags.map((tag) => ({ value: tag.slug, label: tag.name }))} />
      )}
      {collections.length > 0 && (
        <ChoiceSelect
          label="Collection"
          anyLabel="Any collection"
          name="collection"
          defaultValue={filters.collection ?? ""}
          options={collections.map((collection) => ({ value: collection.slug, label: collection.title }))}
        />
      )}
      <ChoiceSelect
        label="Type"
        anyLabel="Any type"
        name="type"
        defaultValue={filters.kind ?? ""}
        options={POST_KINDS.map((kind) => ({ value: kind, label: POST_KIND_LABELS[kind] }))}
      />
      <label className="flex items-center gap-2 self-end pb-2 text-sm">
        <input type="checkbox" name="unlocked" value="1" defaultChecked={filters.unlocked ?? false} className="h-4 w-4 accent-accent" />
        Only posts I can read
      </label>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClass("primary")}>
          Show posts
        </button>
        {filtered && (
          <Link href={`/${handle}/posts`} className="text-sm font-medium text-accent-strong underline">
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}
