"use client";
// One post's lifecycle actions in the library: what applies to its status, nothing else.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_lib/trpc";
import { ActionsMenu } from "@/app/studio/_components/actions-menu";
import type { LibraryItem } from "@/server/services/posts/library";
import { ScheduleDialog } from "../schedule-dialog";
import type { useLibraryAction } from "./use-library-action";

const itemClass = "block w-full rounded-md px-3 py-1.5 text-left text-sm hover:bg-paper disabled:text-faint";

export function PostActions({ post, action }: { post: LibraryItem; action: ReturnType<typeof useLibraryAction> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = { networkMode: "always" } as const;
  const unschedule = useMutation(trpc.post.lifecycle.unschedule.mutationOptions(options));
  const unpublish = useMutation(trpc.post.lifecycle.unpublish.mutationOptions(options));
  const archive = useMutation(trpc.post.lifecycle.archive.mutationOptions(options));
  const unarchive = useMutation(trpc.post.lifecycle.unarchive.mutationOptions(options));
  const duplicate = useMutation(trpc.post.lifecycle.duplicate.mutationOptions(options));
  const trash = useMutation(trpc.post.lifecycle.trash.mutationOptions(options));
  const name = post.title || "Untitled";
  const target = { id: post.id, baseVersion: post.version };

  return (
    <div className="flex shrink-0 items-center gap-2">
      {(post.status === "draft" || post.status === "scheduled") && (
        <ScheduleDialog
          postId={post.id}
          version={post.version}
          scheduledAt={post.scheduledAt}
          triggerClassName="px-3 py-1.5"
          onScheduled={() => {
            action.setNotice({ tone: "ok", text: `“${name}” is scheduled.` });
            router.refresh();
          }}
        />
      )}
      <ActionsMenu label="More" name={`More actions for “${name}”`} alignOnPhone="start">
        {post.status === "scheduled" && (
          <button type="button" className={itemClass} disabled={action.busy} onClick={() => action.run(() => unschedule.mutateAsync(target), `“${name}” is back in drafts.`)}>
            Unschedule
          </button>
        )}
        {post.status === "published" && (
          <button type="button" className={itemClass} disabled={action.busy} onClick={() => action.run(() => unpublish.mutateAsync(target), `“${name}” is unpublished and back in drafts.`)}>
            Unpublish
          </button>
        )}
        {post.status === "archived" ? (
          <button type="button" className={itemClass} disabled={action.busy} onClick={() => action.run(() => unarchive.mutateAsync(target), `“${name}” is back in drafts.`)}>
            Move to drafts
          </button>
        ) : (
          <button type="button" className={itemClass} disabled={action.busy} onClick={() => action.run(() => archive.mutateAsync(target), `“${name}” is archived.`)}>
            Archive
          </button>
        )}
        <button type="button" className={itemClass} disabled={action.busy} onClick={() => action.run(() => duplicate.mutateAsync({ id: post.id }), `A copy of “${name}” is in your drafts.`)}>
          Duplicate as draft
        </button>
        <button
          type="button"
          className={`${itemClass} text-danger`}
          disabled={action.busy}
          onClick={() => action.run(() => trash.mutateAsync(target), `“${name}” is in the trash for 30 days.`)}
        >
          Move to trash
        </button>
      </ActionsMenu>
    </div>
  );
}
