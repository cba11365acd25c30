"use client";
// The library's rows: select posts for bulk actions (add a tag, archive, trash), act on one post,
// and see at a glance where each post stands, who can read it, and when scheduled ones go out.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useId, useState } from "react";
import { Button } from "@/app/_components/button";
import { LockIcon } from "@/app/_components/icons";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import type { BulkResult, LibraryItem } from "@/server/services/posts/library";
import { audienceLabel } from "../audience";
import { Notice } from "./notice";
import { PostActions } from "./post-actions";
import { useLibraryAction } from "./use-library-action";

export const STATUS_STYLE: Record<LibraryItem["status"], string> = {
  draft: "bg-line text-muted",
  scheduled: "bg-warn/10 text-warn",
  published: "bg-ok/10 text-ok",
  archived: "border border-line text-muted",
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Who can read the post: a badge, locked unless it is public, naming the tiers when chosen. */
function AccessBadge({ post }: { post: LibraryItem }) {
  const open = post.access === "public";
  return (
    <span
      className={`inline-flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${
        open ? "bg-ok/10 text-ok" : "bg-accent-soft text-accent-strong"
      }`}
    >
      {!open && <LockIcon aria-hidden className="shrink-0" />}
      <span className="sr-only">Who can read: </span>
      <span className="truncate">{audienceLabel(post)}</span>
    </span>
  );
}

function PostDate({ post }: { post: LibraryItem }) {
  if (post.status === "scheduled" && post.scheduledAt) {
    return (
      <span className="font-medium text-warn">
        Goes out <LocalTime date={post.scheduledAt} withTime />
      </span>
    );
  }
  if ((post.status === "published" || post.status === "archived") && post.publishedAt) {
    return (
      <>
        Published <LocalTime date={post.publishedAt} />
      </>
    );
  }
  return (
    <>
      Edited <LocalTime date={post.updatedAt} />
    </>
  );
}

export function LibraryList({
  items,
  handle,
  tagNames,
  empty,
}: {
  items: LibraryItem[];
  handle: string;
  tagNames: string[];
  /** Shown instead of the list when nothing matches. */
  empty: ReactNode;
}) {
  const trpc = useTRPC();
  const action = useLibraryAction();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [tag, setTag] = useState("");
  const tagListId = useId();
  const addTag = useMutation(trpc.post.library.addTag.mutationOptions({ networkMode: "always" }));
  const archive = useMutation(trpc.post.library.archive.mutationOptions({ networkMode: "always" }));
  const trash = useMutation(trpc.post.library.trash.mutationOptions({ networkMode: "always" }));

  // Rows that left the page (archived, trashed, filtered out) leave the selection too.
  const visible = new Set(items.map((item) => item.id));
  const chosen = [...selected].filter((id) => visible.has(id));
  const allChosen = chosen.length === items.length && items.length > 0;

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function bulk(run: () => Promise<BulkResult>, verb: string) {
    const ok = await action.run(run, (result) => {
      const { changed, unchanged } = result as BulkResult;
      return `${plural(changed, "post")} ${verb}.${unchanged ? ` ${plural(unchanged, "post")} already were.` : ""}`;
    });
    if (ok) setSelected(new Set());
    return ok;
  }

  if (items.length === 0) {
    return (
      <div className="mt-4 space-y-3">
        <Notice notice={action.notice} />
        {empty}
      </div>
    );
  }

  return (
    <div className="mt-4 space-y-3">
      <Notice notice={action.notice} />
      <div className="flex flex-wrap items-center gap-3 rounded-xl border border-line bg-card px-4 py-2.5">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            className="size-4 accent-accent"
            checked={allChosen}
            onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((item) => item.id)))}
          />
          Select all on this page
        </label>
        {chosen.length > 0 && (
          <div role="group" aria-label="Bulk actions" className="flex flex-1 flex-wrap items-center gap-2">
            <span className="text-sm text-muted">{chosen.length} selected</span>
            <form
              className="flex items-center gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                const name = tag.trim();
                if (!name) return;
                void bulk(() => addTag.mutateAsync({ ids: chosen, tag: name }), `tagged “${name}”`).then((ok) => {
                  if (ok) setTag("");
                });
              }}
            >
              <label htmlFor={`${tagListId}-input`} className="sr-only">
                Tag to add
              </label>
              <input
                id={`${tagListId}-input`}
                list={tagListId}
                value={tag}
                onChange={(e) => setTag(e.target.value)}
                placeholder="Tag name"
                maxLength={40}
                className="w-32 rounded-lg border border-line bg-card px-2 py-1.5 text-sm focus:border-accent focus:outline-none"
              />
              <datalist id={tagListId}>
                {tagNames.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
              <Button type="submit" variant="secondary" className="px-3 py-1.5" disabled={action.busy || !tag.trim()}>
                Add tag
              </Button>
            </form>
            <Button variant="secondary" className="px-3 py-1.5" disabled={action.busy} onClick={() => bulk(() => archive.mutateAsync({ ids: chosen }), "archived")}>
              Archive
            </Button>
            <Button
              variant="danger"
              className="px-3 py-1.5"
              disabled={action.busy}
              onClick={() => bulk(() => trash.mutateAsync({ ids: chosen }), "moved to the trash")}
            >
              Move to trash
            </Button>
          </div>
        )}
      </div>
      <ul className="divide-y divide-line rounded-2xl border border-line bg-card">
        {items.map((post) => {
          const name = post.title || "Untitled";
          return (
            <li key={post.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center">
              <div className="flex min-w-0 flex-1 items-start gap-3">
                <input
                  type="checkbox"
                  aria-label={`Select “${name}”`}
                  className="mt-1 size-4 shrink-0 accent-accent"
                  checked={selected.has(post.id)}
                  onChange={() => toggle(post.id)}
                />
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/studio/posts/${post.id}`} className="truncate font-semibold hover:text-accent-strong">
                      {name}
                    </Link>
                    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLE[post.status]}`}>
                      {post.status}
                    </span>
                    <AccessBadge post={post} />
                    {post.hasPendingChanges && <span className="text-xs text-warn">Unpublished changes</span>}
                  </div>
                  <p className="mt-0.5 text-sm text-muted">
                    <PostDate post={post} />
                    {" · "}
                    <span className="capitalize">{post.kind}</span>
                    {" · "}
                    {post.wordCount.toLocaleString("en")} words
                    {post.status === "published" && (
                      <>
                        {" · "}
                        <a href={`/${handle}/posts/${post.slug}`} className="hover:text-ink">
                          View
                        </a>
                        {" · "}
                        <Link href={`/studio/analytics/posts/${post.id}`} className="hover:text-ink">
                          Stats
                        </Link>
                      </>
                    )}
                  </p>
                  {post.tags.length > 0 && (
                    <ul className="mt-1.5 flex flex-wrap gap-1" aria-label="Tags">
                      {post.tags.map((t) => (
                        <li key={t.id} className="rounded-full bg-accent-soft px-2 py-0.5 text-xs text-accent-strong">
                          {t.name}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
              <PostActions post={post} action={action} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
