"use client";
// The editor's sticky bar: the save status, and the buttons that save, preview, schedule and
// publish. Each piece subscribes to the part of the save queue it shows, so a status change
// re-renders the status line, not the bar.
import { Button } from "@/app/_components/button";
import { SaveStatus } from "./save-status";
import { ScheduleDialog } from "./schedule-dialog";
import { useSaveQueueState, type SaveQueue } from "./use-save-queue";

function StatusLine({ queue }: { queue: SaveQueue }) {
  return <SaveStatus state={useSaveQueueState(queue, (state) => state.status)} />;
}

function ViewPost({ queue, handle }: { queue: SaveQueue; handle: string }) {
  const slug = useSaveQueueState(queue, (state) => state.slug);
  return (
    <a href={`/${handle}/posts/${slug}`} className="text-sm font-medium text-accent-strong underline-offset-2 hover:underline">
      View post
    </a>
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

function Schedule({ queue }: { queue: SaveQueue }) {
  const postId = useSaveQueueState(queue, (state) => state.postId);
  const version = useSaveQueueState(queue, (state) => state.version);
  const scheduledAt = useSaveQueueState(queue, (state) => state.scheduledAt);
  const scheduled = useSaveQueueState(queue, (state) => state.lifecycle === "scheduled");
  if (!postId) return null;
  return (
    <ScheduleDialog
      postId={postId}
      version={version}
      scheduledAt={scheduledAt}
      triggerLabel={scheduled ? "Reschedule" : "Schedule"}
      onScheduled={queue.scheduled}
    />
  );
}

function PublishButton({ queue }: { queue: SaveQueue }) {
  const publishing = useSaveQueueState(queue, (state) => state.running === "publish");
  return (
    <Button onClick={() => void queue.publish()} disabled={publishing}>
      {publishing ? "Publishing…" : "Publish"}
    </Button>
  );
}

export function EditorHeader({
  queue,
  handle,
  onHistory,
  onSettings,
  onPreview,
}: {
  queue: SaveQueue;
  handle: string;
  onHistory: () => void;
  onSettings: () => void;
  onPreview: () => void;
}) {
  const published = useSaveQueueState(queue, (state) => state.lifecycle === "published");
  return (
    <div className="sticky top-0 z-10 -mx-5 flex flex-wrap items-center justify-between gap-3 border-b border-line bg-paper/95 px-5 py-3 backdrop-blur">
      <StatusLine queue={queue} />
      <div className="flex flex-wrap items-center gap-2">
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
        {!published && <Schedule queue={queue} />}
        {!published && <PublishButton queue={queue} />}
      </div>
    </div>
  );
}
