"use client";
// Shown when a save was refused because the post changed elsewhere: both texts side by side, and
// three ways out, none of which loses either text.
import { Button } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import type { PostDocument } from "@/lib/document/validate";
import { EditorDialog } from "./editor-dialog";
import { TextPreview } from "./text-preview";

export type ConflictTexts = {
  mine: { title: string; document: PostDocument };
  theirs: { title: string; document: PostDocument; version: number; updatedAt: Date };
};

export type ConflictChoice = "mine" | "theirs" | "both";

export function ConflictDialog({
  conflict,
  busy,
  error,
  onChoose,
}: {
  conflict: ConflictTexts;
  busy: ConflictChoice | null;
  error: string | null;
  onChoose: (choice: ConflictChoice) => void;
}) {
  return (
    <EditorDialog
      title="This post was changed somewhere else"
      description={
        <>
          Another tab or device saved a newer version (<LocalTime date={conflict.theirs.updatedAt} withTime />) while you were
          writing. Choose what to keep; whichever you choose, the other text stays in the post&apos;s history.
        </>
      }
    >
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="conflict-theirs" className="rounded-xl border border-line bg-card p-4">
          <h3 id="conflict-theirs" className="text-sm font-semibold uppercase tracking-wide text-muted">
            Saved version
          </h3>
          <div className="mt-3 max-h-[45dvh] overflow-y-auto" data-testid="conflict-theirs">
            <TextPreview {...conflict.theirs} />
          </div>
        </section>
        <section aria-labelledby="conflict-mine" className="rounded-xl border border-accent/40 bg-card p-4">
          <h3 id="conflict-mine" className="text-sm font-semibold uppercase tracking-wide text-accent-strong">
            Your version (this tab)
          </h3>
          <div className="mt-3 max-h-[45dvh] overflow-y-auto" data-testid="conflict-mine">
            <TextPreview {...conflict.mine} />
          </div>
        </section>
      </div>
      {error && (
        <p role="alert" className="mt-4 text-sm text-danger">
          {error}
        </p>
      )}
      <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" disabled={busy !== null} onClick={() => onChoose("both")}>
          {busy === "both" ? "Saving a copy…" : "Keep both (mine as a new draft)"}
        </Button>
        <Button variant="secondary" disabled={busy !== null} onClick={() => onChoose("theirs")}>
          Take theirs
        </Button>
        <Button disabled={busy !== null} onClick={() => onChoose("mine")}>
          {busy === "mine" ? "Saving…" : "Keep mine"}
        </Button>
      </div>
    </EditorDialog>
  );
}
