"use client";
// What the editor tells the creator above the text: a copy this device kept, a conflict waiting
// for the other version, the draft "Keep both" made, a published post's pending changes (Update
// emails no one), where it is published and who was emailed, and errors; plus the body's own
// error and the conflict dialog. Each subscribes to its part of the save queue, so none
// re-renders while the creator types.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { fieldError } from "@/app/_lib/trpc-errors";
import { ConflictDialog } from "./conflict-dialog";
import { useSaveQueueState, type SaveQueue } from "./use-save-queue";

function RestoreOffer({ queue }: { queue: SaveQueue }) {
  const offer = useSaveQueueState(queue, (state) => state.offer);
  if (!offer) return null;
  return (
    <div role="alert" className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-warn/30 bg-warn/5 px-4 py-3 text-sm">
      <span>
        {offer.slot === "set-aside"
          ? "This device kept your text from before you took the other version in a conflict"
          : "This device kept changes that were not saved to the server"}{" "}
        (<LocalTime date={new Date(offer.copy.savedAt)} withTime />).
      </span>
      <span className="flex gap-2">
        <Button variant="secondary" onClick={queue.restoreOffer}>
          {offer.stale ? "Compare and choose" : "Restore them"}
        </Button>
        <Button variant="ghost" onClick={queue.dismissOffer}>
          Discard
        </Button>
      </span>
    </div>
  );
}

function ConflictWaiting({ queue }: { queue: SaveQueue }) {
  const waiting = useSaveQueueState(queue, (state) => state.conflict?.phase === "loading");
  if (!waiting) return null;
  return (
    <div role="alert" className="mt-4 rounded-lg border border-danger/30 bg-danger/5 px-4 py-3 text-sm text-danger">
      This post was changed somewhere else. Your text stays on this device; the two versions will be shown side by side
      as soon as the other one can be loaded.
    </div>
  );
}

function CopyNotice({ queue }: { queue: SaveQueue }) {
  const copy = useSaveQueueState(queue, (state) => state.copy);
  if (!copy) return null;
  return (
    <p role="status" className="mt-4 rounded-lg bg-ok/10 px-4 py-2 text-sm text-ok">
      Your version was saved as a new draft:{" "}
      <Link href={`/studio/posts/${copy.id}`} className="font-semibold underline">
        {copy.title}
      </Link>
    </p>
  );
}

function PendingChanges({ queue, onUpdated }: { queue: SaveQueue; onUpdated: () => void }) {
  const shown = useSaveQueueState(queue, (state) => state.lifecycle === "published" && state.hasPendingChanges);
  const running = useSaveQueueState(queue, (state) => state.running);
  if (!shown) return null;
  return (
    <div role="status" className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm">
      <span>
        <strong>Unpublished changes.</strong> Readers see the published version until you update it. Updating sends no email.
      </span>
      <span className="flex gap-2">
        <Button onClick={() => void queue.updateLive().then((ok) => ok && onUpdated())} disabled={running === "update"}>
          {running === "update" ? "Updating…" : "Update"}
        </Button>
        <Button variant="ghost" onClick={() => void queue.discardPending()} disabled={running === "discard"}>
          Discard changes
        </Button>
      </span>
    </div>
  );
}

/** What the last publish or update in this editor did, said once it is done. */
export type PublishNotice = { kind: "published"; emailing: number | null } | { kind: "updated" };

function members(n: number): string {
  return `${n.toLocaleString("en")} member${n === 1 ? "" : "s"}`;
}

function noticeHeading(notice: PublishNotice): string {
  if (notice.kind === "updated") return "Updated — no email sent";
  if (notice.emailing === null) return "Published — no email sent";
  return notice.emailing === 0 ? "Published — no members to email yet" : `Published — emailed ${members(notice.emailing)}`;
}

function CopyLink({ path }: { path: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(new URL(path, window.location.origin).href);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <span className="flex items-center gap-2">
      <Button variant="secondary" className="px-3 py-1.5" onClick={() => void copy()}>
        Copy link
      </Button>
      <span aria-live="polite" className="text-xs">
        {copied === "yes" ? "Link copied" : copied === "failed" ? "Copy it from the address shown" : ""}
      </span>
    </span>
  );
}

function PublishedAt({ queue, handle, notice }: { queue: SaveQueue; handle: string; notice: PublishNotice | null }) {
  const published = useSaveQueueState(queue, (state) => state.lifecycle === "published");
  const slug = useSaveQueueState(queue, (state) => state.slug);
  if (!published) return null;
  const path = `/${handle}/posts/${slug}`;
  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-ok/10 px-4 py-3 text-sm text-ok">
      <p role="status" className="min-w-0">
        {notice && <strong className="block text-base">{noticeHeading(notice)}</strong>}
        Published at{" "}
        <a href={path} className="break-all font-medium underline-offset-2 hover:underline">
          {path}
        </a>
      </p>
      <CopyLink path={path} />
    </div>
  );
}

/** Errors that belong to no field (those of the title and the body are shown beside them). */
function GeneralError({ queue }: { queue: SaveQueue }) {
  const message = useSaveQueueState(queue, ({ error }) =>
    error && !fieldError(error, "title") && !fieldError(error, "document") && error.code !== "CONFLICT" ? error.message : null,
  );
  return (
    <div className="mt-4">
      <FormError message={message} />
    </div>
  );
}

export function EditorNotices({
  queue,
  handle,
  notice,
  onUpdated,
}: {
  queue: SaveQueue;
  handle: string;
  notice: PublishNotice | null;
  onUpdated: () => void;
}) {
  return (
    <>
      <RestoreOffer queue={queue} />
      <ConflictWaiting queue={queue} />
      <CopyNotice queue={queue} />
      <PendingChanges queue={queue} onUpdated={onUpdated} />
      <PublishedAt queue={queue} handle={handle} notice={notice} />
      <GeneralError queue={queue} />
    </>
  );
}

export function BodyError({ queue }: { queue: SaveQueue }) {
  const message = useSaveQueueState(queue, (state) => fieldError(state.error, "document"));
  if (!message) return null;
  return (
    <p role="alert" className="mt-2 text-sm text-danger">
      {message}
    </p>
  );
}

export function EditorConflict({ queue }: { queue: SaveQueue }) {
  const conflict = useSaveQueueState(queue, (state) => (state.conflict?.phase === "open" ? state.conflict : null));
  if (!conflict) return null;
  return (
    <ConflictDialog
      conflict={conflict.texts}
      busy={conflict.busy}
      error={conflict.error}
      onChoose={(choice) => void queue.chooseInConflict(choice)}
    />
  );
}
