"use client";
// The editor's sticky bar: the save status, who can read the post (one click from changing it),
// and the buttons that save, preview, schedule and publish. Each piece subscribes to the part of
// the save queue it shows, so a status change re-renders the status line, not the bar.
import type { Ref } from "react";
import { Button } from "@/app/_components/button";
import { ActionsMenu } from "@/app/studio/_components/actions-menu";
import { audienceLabel } from "./audience";
import { useEditorAudience } from "./post-audience";
import { SaveStatus } from "./save-status";
import { ScheduleDialog } from "./schedule-dialog";
import { useSaveQueueState, type SaveQueue } from "./use-save-queue";

function StatusLine({ queue }: { queue: SaveQueue }) {
  return <SaveStatus state={useSaveQueueState(queue, (state) => state.status)} />;
}

function ViewPost({ queue, handle }: { queue: SaveQueue; handle: string }) {
  const slug = useSaveQueueState(queue, (state) => state.slug);
  const postId = useSaveQueueState(queue, (state) => state.postId);
  const link = "inline-flex px-4 py-2 text-sm font-medium text-accent-strong underline-offset-2 hover:underline sm:px-0";
  return (
    <>
      <a href={`/${handle}/posts/${slug}`} className={link}>
        View post
      </a>
      {postId && (
        <a href={`/studio/analytics/posts/${postId}`} className={link}>
          Stats
        </a>
      )}
    </>
  );
}

/** Who can read the post, as a button that opens the settings at that choice. */
function AccessButton() {
  const { audience, chooseAccess } = useEditorAudience();
  const open = audience?.access === "public";
  return (
    <button
      type="button"
      onClick={chooseAccess}
      className="inline-flex max-w-full items-center gap-1.5 rounded-full border border-line bg-card px-3 py-1 text-sm hover:border-muted"
    >
      <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${open ? "bg-ok" : "bg-accent"}`} />
      <span className="shrink-0 text-muted">Who can read:</span>
      <span className="truncate font-medium">{audience ? audienceLabel(audience) : "…"}</span>
      <span className="sr-only"> (change)</span>
    </button>
  );
}

function SaveButton({ queue, published }: { queue: SaveQueue; published: boolean }) {
  const saving = useSaveQueueState(queue, (state) => state.saving);
  return (
    <Button variant="secondary" onClick={() => void queue.save({ force: true, reason: "manual" })} disabled={saving}>
      {published ? "Save" : "Save draft"}
    </Button>
  );
}

export type ScheduleHandle = { open: () => void };

function Schedule({ queue, scheduleRef }: { queue: SaveQueue; scheduleRef: Ref<ScheduleHandle> }) {
  const postId = useSaveQueueState(queue, (state) => state.postId);
  const version = useSaveQueueState(queue, (state) => state.version);
  const scheduledAt = useSaveQueueState(queue, (state) => state.scheduledAt);
  const scheduled = useSaveQueueState(queue, (state) => state.lifecycle === "scheduled");
  if (!postId) return null;
  return (
    <ScheduleDialog
      ref={scheduleRef}
      postId={postId}
      version={version}
      scheduledAt={scheduledAt}
      triggerLabel={scheduled ? "Reschedule" : "Schedule"}
      onScheduled={queue.scheduled}
    />
  );
}

function PublishButton({ queue, onPublish }: { queue: SaveQueue; onPublish: () => void }) {
  const publishing = useSaveQueueState(queue, (state) => state.running === "publish");
  return (
    <Button onClick={onPublish} disabled={publishing}>
      {publishing ? "Publishing…" : "Publish"}
    </Button>
  );
}

export function EditorHeader({
  queue,
  handle,
  scheduleRef,
  onHistory,
  onSettings,
  onPreview,
  onPublish,
}: {
  queue: SaveQueue;
  handle: string;
  scheduleRef: Ref<ScheduleHandle>;
  onHistory: () => void;
  onSettings: () => void;
  onPreview: () => void;
  /** Opens the publish step (it says who the post reaches before anything goes out). */
  onPublish: () => void;
}) {
  const published = useSaveQueueState(queue, (state) => state.lifecycle === "published");
  return (
    <div className="sticky top-0 z-10 -mx-5 space-y-2 border-b border-line bg-paper/95 px-5 py-2 backdrop-blur sm:py-3">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <StatusLine queue={queue} />
        <AccessButton />
      </div>
      <div className="flex items-center justify-end gap-2">
        {/* On a phone the text comes first: everything but Publish folds behind one button. */}
        <ActionsMenu label="More" foldsOnPhoneOnly>
          {published && <ViewPost queue={queue} handle={handle} />}
          <Button variant="ghost" onClick={onHistory}>
            History
          </Button>
          <Button variant="ghost" onClick={onSettings}>
            Settings
          </Button>
          <Button variant="ghost" onClick={onPreview}>
            Preview
          </Button>
          <SaveButton queue={queue} published={published} />
          {!published && <Schedule queue={queue} scheduleRef={scheduleRef} />}
        </ActionsMenu>
        {!published && <PublishButton queue={queue} onPublish={onPublish} />}
      </div>
    </div>
  );
}
