"use client";
// Search, type, who can read, tag, dates and sort. Kept in the URL, so a reload or a shared link shows the same
// list; the days picked are read in the creator's own zone, which the URL carries along.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ChoiceSelect, filterControlClass } from "@/app/_components/choice-select";
import { Button } from "@/app/_components/button";
import { accessLevelSchema } from "@/lib/schemas/post-access";
import { libraryHref, LIBRARY_SORTS, POST_KIND_LABELS, POST_KINDS, type LibraryParams, type LibrarySort } from "@/lib/schemas/post-library";
import { ACCESS_LABEL } from "../audience";

const SORT_LABELS: Record<LibrarySort, string> = {
  date_desc: "Newest first",
  date_asc: "Oldest first",
  updated_desc: "Recently edited",
  title_asc: "Title A–Z",
};

export function LibraryFilters({ params, tags }: { params: LibraryParams; tags: { id: string; name: string }[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<LibraryParams>(params);
  const set = (patch: Partial<LibraryParams>) => setDraft((current) => ({ ...current, ...patch }));
  const filtered = Boolean(params.q || params.kind || params.access || params.tag || params.from || params.to);
  // On a phone the filters fold behind a button, so the posts come first; the search box stays.
  const [unfolded, setUnfolded] = useState(false);
  const foldedId = useId();
  const inUse = [params.kind, params.access, params.tag, params.from || params.to].filter(Boolean).length;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    router.push(libraryHref({ ...draft, q: draft.q?.trim() || undefined, tz, cursor: undefined }));
  }

  function clear() {
    const cleared = { status: params.status, sort: params.sort };
    setDraft(cleared);
    router.push(libraryHref(cleared));
  }

  return (
    <form role="search" aria-label="Search and filter posts" onSubmit={submit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
      <div className="sm:col-span-2 lg:col-span-3">
        <label htmlFor="library-q" className="mb-1 block text-xs font-medium text-muted">
          Search titles and text
        </label>
        <div className="flex gap-2">
          <input
            id="library-q"
            type="search"
            name="q"
            value={draft.q ?? ""}
            onChange={(e) => set({ q: e.target.value })}
            placeholder="e.g. sourdough"
            className={filterControlClass}
          />
          <Button
            variant="secondary"
            aria-expanded={unfolded}
            aria-controls={foldedId}
            onClick={() => setUnfolded((value) => !value)}
            className="shrink-0 px-3 sm:hidden"
          >
            Filters{inUse > 0 ? ` (${inUse})` : ""}
          </Button>
        </div>
      </div>
      {/* A grid of its own when unfolded on a phone; from the small breakpoint up, its fields sit in the form's grid. */}
      <div id={foldedId} className={`${unfolded ? "grid" : "hidden"} gap-3 sm:contents`}>
        <ChoiceSelect
          label="Type"
          anyLabel="Any type"
          options={POST_KINDS.map((kind) => ({ value: kind, label: POST_KIND_LABELS[kind] }))}
          value={draft.kind ?? ""}
          onChange={(e) => set({ kind: POST_KINDS.find((k) => k === e.target.value) })}
        />
        <ChoiceSelect
          label="Who can read"
          anyLabel="Any audience"
          options={accessLevelSchema.options.map((level) => ({ value: level, label: ACCESS_LABEL[level] }))}
          value={draft.access ?? ""}
          onChange={(e) => set({ access: accessLevelSchema.options.find((level) => level === e.target.value) })}
        />
        <ChoiceSelect
          label="Tag"
          anyLabel="Any tag"
          options={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
          value={draft.tag ?? ""}
          onChange={(e) => set({ tag: e.target.value || undefined })}
        />
        <div>
          <label htmlFor="library-from" className="mb-1 block text-xs font-medium text-muted">
            From
          </label>
          <input id="library-from" type="date" value={draft.from ?? ""} onChange={(e) => set({ from: e.target.value || undefined })} className={filterControlClass} />
        </div>
        <div>
          <label htmlFor="library-to" className="mb-1 block text-xs font-medium text-muted">
            To
          </label>
          <input id="library-to" type="date" value={draft.to ?? ""} onChange={(e) => set({ to: e.target.value || undefined })} className={filterControlClass} />
        </div>
        <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-4">
          <div className="min-w-40">
            <label htmlFor="library-sort" className="mb-1 block text-xs font-medium text-muted">
              Sort
            </label>
            <select
              id="library-sort"
              value={draft.sort ?? "date_desc"}
              onChange={(e) => set({ sort: LIBRARY_SORTS.find((s) => s === e.target.value) })}
              className={filterControlClass}
            >
              {LIBRARY_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit">Apply</Button>
          {filtered && (
            <Button variant="ghost" onClick={clear}>
              Clear filters
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
