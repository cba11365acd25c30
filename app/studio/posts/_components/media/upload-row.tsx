"use client";
// One upload as the writer sees it: name, a progress bar with Cancel, then either the refusal
// in plain words right here, or, for a placed video, the choice of its poster image.
import { Button } from "@/app/_components/button";
import { formatBytes } from "@/lib/document/media";
import type { MediaKind } from "@/lib/media-rules";

export type UploadItem = {
  key: string;
  name: string;
  size: number;
  kind: MediaKind;
  loaded: number;
  total: number;
  phase: "uploading" | "failed" | "placed";
  message?: string;
  mediaId?: string;
  posterName?: string;
};

function percent(item: UploadItem): number {
  return item.total > 0 ? Math.min(100, Math.round((item.loaded / item.total) * 100)) : 0;
}

export function UploadRow({
  item,
  onCancel,
  onDismiss,
  onRetry,
  onChoosePoster,
}: {
  item: UploadItem;
  onCancel: () => void;
  onDismiss: () => void;
  onRetry: () => void;
  onChoosePoster: () => void;
}) {
  const sent = item.phase === "uploading" && item.total > 0 && item.loaded >= item.total;
  const value = percent(item);

  return (
    <li
      className={`rounded-lg border px-3 py-2 text-sm ${item.phase === "failed" ? "border-danger/30 bg-danger/5" : "border-line bg-card"}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <span className="min-w-0 flex-1 truncate font-medium text-ink" title={item.name}>
          {item.name}
          <span className="ml-2 font-normal text-muted">{formatBytes(item.size)}</span>
        </span>
        {item.phase === "uploading" && (
          <Button variant="ghost" className="px-2 py-1" onClick={onCancel} aria-label={`Cancel upload of ${item.name}`}>
            Cancel
          </Button>
        )}
        {item.phase === "failed" && (
          <span className="flex gap-1">
            <Button variant="secondary" className="px-2 py-1" onClick={onRetry}>
              Choose another file
            </Button>
            <Button variant="ghost" className="px-2 py-1" onClick={onDismiss} aria-label={`Dismiss the message about ${item.name}`}>
              Dismiss
            </Button>
          </span>
        )}
        {item.phase === "placed" && (
          <Button variant="ghost" className="px-2 py-1" onClick={onDismiss}>
            Done
          </Button>
        )}
      </div>

      {item.phase === "uploading" && (
        <div className="mt-2 flex items-center gap-3">
          <div
            role="progressbar"
            aria-label={`Uploading ${item.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={sent ? undefined : value}
            aria-valuetext={sent ? "Processing" : `${value}%`}
            className="h-2 flex-1 overflow-hidden rounded-full bg-line"
          >
            <div
              className={`h-full rounded-full bg-accent transition-[width] ${sent ? "animate-pulse" : ""}`}
              style={{ width: `${sent ? 100 : value}%` }}
            />
          </div>
          <span className="w-24 text-right text-xs tabular-nums text-muted">{sent ? "Processing…" : `${value}%`}</span>
        </div>
      )}

      {item.phase === "failed" && (
        <p role="alert" className="mt-1 text-danger">
          {item.message}
        </p>
      )}

      {item.phase === "placed" && item.kind === "video" && (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-muted">
          {item.posterName ? <>Poster: {item.posterName}</> : <>No poster image yet: players show the first frame.</>}
          <Button variant="secondary" className="px-2 py-1" onClick={onChoosePoster}>
            {item.posterName ? "Change poster" : "Add a poster image"}
          </Button>
        </p>
      )}
    </li>
  );
}
