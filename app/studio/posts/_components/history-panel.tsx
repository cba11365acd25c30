"use client";
// The post's history: every kept revision (when, why), a preview of one, what it changes against
// the current text, and restoring it (which is itself kept as a new revision).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { EditorDialog } from "./editor-dialog";

const REASON_LABEL = {
  publish: "Published",
  update: "Update published",
  manual: "Saved",
  autosave: "Autosaved",
  restore: "Restored",
} as const;

export function HistoryPanel({
  postId,
  onRestore,
  onClose,
}: {
  postId: string;
  /** Saves whatever the editor holds, then restores; resolves with an error message or null. */
  onRestore: (revisionId: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const revisions = useQuery({ ...trpc.post.revisions.list.queryOptions({ id: postId }), staleTime: 0 });
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<"preview" | "changes">("preview");
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const detail = useQuery({
    ...trpc.post.revisions.get.queryOptions({ id: postId, revisionId: selected ?? "" }),
    enabled: selected !== null,
    staleTime: 0,
  });

  async function restore() {
    if (!selected) return;
    setRestoring(true);
    setRestoreError(await onRestore(selected));
    setRestoring(false);
  }

  return (
    <EditorDialog title="History" description="Every publish, every save you asked for, and autosaves every ten minutes." onClose={onClose}>
      <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
        <nav aria-label="Revisions" className="md:max-h-[70dvh] md:overflow-y-auto">
          {revisions.isPending ? (
            <p className="text-sm text-muted">Loading the history…</p>
          ) : revisions.isError ? (
            <p role="alert" className="text-sm text-danger">
              {uiError(revisions.error).message}
            </p>
          ) : revisions.data.length === 0 ? (
            <p className="text-sm text-muted">
              Nothing kept yet. A revision is kept when you publish, press Ctrl/⌘+S, and every ten minutes while autosaving.
            </p>
          ) : (
            <ol className="space-y-1">
              {revisions.data.map((revision) => (
                <li key={revision.id}>
                  <button
                    type="button"
                    aria-current={selected === revision.id ? "true" : undefined}
                    onClick={() => {
                      setSelected(revision.id);
                      setRestoreError(null);
                    }}
                    className={`w-full rounded-lg px-3 py-2 text-left text-sm ${
                      selected === revision.id ? "bg-accent-soft text-accent-strong" : "hover:bg-line/50"
                    }`}
                  >
                    <span className="block font-medium">
                      <LocalTime date={revision.createdAt} withTime />
                    </span>
                    <span className="block text-muted">
                      {REASON_LABEL[revision.reason]}
                      {revision.authorName ? ` · ${revision.authorName}` : ""}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </nav>

        <section aria-label="Selected revision" className="min-w-0 rounded-xl border border-line bg-card p-4">
          {!selected ? (
            <p className="text-sm text-muted">Choose a revision to preview it and see what it would change.</p>
          ) : detail.isPending ? (
            <p className="text-sm text-muted">Loading…</p>
          ) : detail.isError ? (
            <p role="alert" className="text-sm text-danger">
              {uiError(detail.error).message}
            </p>
          ) : (
            <>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div role="tablist" aria-label="Show" className="flex gap-1">
                  {(["preview", "changes"] as const).map((name) => (
                    <button
                      key={name}
                      type="button"
                      role="tab"
                      aria-selected={tab === name}
                      onClick={() => setTab(name)}
                      className={`rounded-md px-3 py-1 text-sm font-medium ${tab === name ? "bg-ink text-paper" : "text-muted hover:bg-line/60"}`}
                    >
                      {name === "preview" ? "Preview" : "Changes"}
                    </button>
                  ))}
                </div>
                <Button onClick={() => void restore()} disabled={restoring}>
                  {restoring ? "Restoring…" : "Restore this version"}
                </Button>
              </div>
              {restoreError && (
                <p role="alert" className="mt-3 text-sm text-danger">
                  {restoreError}
                </p>
              )}
              <div role="tabpanel" className="mt-4">
                {tab === "preview" ? (
                  <article>
                    <h3 className="font-serif text-2xl font-bold">{detail.data.title || "Untitled"}</h3>
                    {/* Rendered on the server from a validated document, like the public page. */}
                    <div className="prose-post mt-4" dangerouslySetInnerHTML={{ __html: detail.data.html }} />
                  </article>
                ) : (
                  <Changes changes={detail.data.changes} />
                )}
              </div>
            </>
          )}
        </section>
      </div>
    </EditorDialog>
  );
}

type ChangesData = {
  title: { current: string; revision: string } | null;
  body: { kind: "same" | "added" | "removed"; text: string }[];
};

/** What restoring would do to the current text: struck-through words go, underlined ones come back. */
function Changes({ changes }: { changes: ChangesData }) {
  const changed = changes.title !== null || changes.body.some((part) => part.kind !== "same");
  if (!changed) return <p className="text-sm text-muted">Same text as now.</p>;
  return (
    <div>
      <p className="text-sm text-muted">
        Against the current text: <del className="bg-danger/10 text-danger">removed</del> words would go,{" "}
        <ins className="bg-ok/10 text-ok">added</ins> words would come back.
      </p>
      {changes.title && (
        <p className="mt-3 font-serif text-lg">
          Title: <del className="bg-danger/10 text-danger">{changes.title.current || "Untitled"}</del>{" "}
          <ins className="bg-ok/10 text-ok">{changes.title.revision || "Untitled"}</ins>
        </p>
      )}
      <p className="mt-3 whitespace-pre-wrap font-serif leading-relaxed" data-testid="revision-changes">
        {changes.body.map((part, i) =>
          part.kind === "same" ? (
            <span key={i}>{part.text}</span>
          ) : part.kind === "removed" ? (
            <del key={i} className="bg-danger/10 text-danger">
              {part.text}
            </del>
          ) : (
            <ins key={i} className="bg-ok/10 text-ok">
              {part.text}
            </ins>
          ),
        )}
      </p>
    </div>
  );
}
