"use client";
// The trash: deleted posts, when each goes for good, and a way back.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button, buttonClass } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import type { LibraryItem } from "@/server/services/posts/library";
import { Notice } from "./notice";
import { useLibraryAction } from "./use-library-action";

export function TrashList({ items, retentionDays }: { items: LibraryItem[]; retentionDays: number }) {
  const trpc = useTRPC();
  const action = useLibraryAction();
  const restore = useMutation(trpc.post.lifecycle.restore.mutationOptions({ networkMode: "always" }));
  return (
    <div className="mt-6 space-y-3">
      <Notice notice={action.notice} />
      {items.length === 0 ? (
        <div className="mt-2 rounded-2xl border border-dashed border-line bg-card p-10 text-center">
          <p className="font-semibold">The trash is empty</p>
          <p className="mt-1 text-sm text-muted">Posts you delete from the library show up here for {retentionDays} days.</p>
          <Link href="/studio/posts" className={buttonClass("secondary", "mt-4")}>
            Back to posts
          </Link>
        </div>
      ) : (
      <ul className="divide-y divide-line rounded-2xl border border-line bg-card">
        {items.map((post) => {
          const name = post.title || "Untitled";
          return (
            <li key={post.id} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="truncate font-semibold">{name}</p>
                <p className="mt-0.5 text-sm text-muted">
                  Deleted <LocalTime date={post.deletedAt!} /> · was {post.status} · gone for good{" "}
                  <LocalTime date={post.purgeAt!} />
                </p>
              </div>
              <Button
                variant="secondary"
                disabled={action.busy}
                onClick={() =>
                  action.run(
                    () => restore.mutateAsync({ id: post.id }),
                    (result) =>
                      (result as { status: string }).status === "published"
                        ? `“${name}” is restored and live again.`
                        : `“${name}” is restored to your ${(result as { status: string }).status} posts.`,
                  )
                }
              >
                Restore
              </Button>
            </li>
          );
        })}
      </ul>
      )}
    </div>
  );
}
