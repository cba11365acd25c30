"use client";
// The editor's save status: always on screen, and announced politely to screen readers.
import { formatInstant, useDisplayZone } from "@/app/_components/local-time";

export type SaveState = {
  kind: "idle" | "unsaved" | "saving" | "saved" | "offline" | "unreachable" | "conflict" | "error";
  at: Date | null;
};

const LABEL: Record<SaveState["kind"], string> = {
  idle: "Not saved yet",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  saved: "Saved",
  offline: "Offline — kept on this device",
  unreachable: "Can't reach the server — retrying",
  conflict: "Conflict — changed elsewhere, choose a version",
  error: "Not saved — kept on this device, retrying",
};

const DOT: Record<SaveState["kind"], string> = {
  idle: "bg-faint",
  unsaved: "bg-warn",
  saving: "bg-warn animate-pulse",
  saved: "bg-ok",
  offline: "bg-warn",
  unreachable: "bg-warn",
  conflict: "bg-danger",
  error: "bg-danger",
};

/** Always visible, and announced politely to screen readers as it changes. */
export function SaveStatus({ state }: { state: SaveState }) {
  const zone = useDisplayZone();
  const time = state.kind === "saved" && state.at ? ` ${formatInstant(new Date(state.at), { timeOnly: true, timeZone: zone })}` : "";
  return (
    <p role="status" aria-live="polite" data-save-state={state.kind} className="flex items-center gap-2 text-sm text-muted">
      <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${DOT[state.kind]}`} />
      {LABEL[state.kind]}
      {time}
    </p>
  );
}
