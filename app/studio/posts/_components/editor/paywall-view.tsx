"use client";
// The paywall break inside the editor: a line that says who can read what is below it, from the
// post's access as stored. On a public post the break gates nothing, so it turns into a warning
// with the two ways out: choose who can read it, or remove the break.
import { NodeViewWrapper, ReactNodeViewRenderer, type NodeViewRenderer, type ReactNodeViewProps } from "@tiptap/react";
import { belowTheBreak } from "../audience";
import { useEditorAudience } from "../post-audience";

export function PaywallView({ deleteNode, selected }: ReactNodeViewProps) {
  const { audience, chooseAccess } = useEditorAudience();
  const label = audience ? belowTheBreak(audience) : "Paywall break";
  const open = audience?.access === "public";
  const line = `flex-1 border-t-2 border-dashed ${open ? "border-danger" : "border-accent"}`;
  return (
    <NodeViewWrapper
      data-paywall-break=""
      data-drag-handle=""
      contentEditable={false}
      className={`my-6 select-none font-sans ${selected ? "rounded-md outline-2 outline-offset-4 outline-accent" : ""}`}
    >
      <div role="separator" aria-label={`Paywall break. ${label}.`} className="flex items-center gap-3 text-xs font-semibold">
        <span aria-hidden className={line} />
        <span className={open ? "text-danger" : "text-accent-strong"}>
          Paywall break · {label.replace(/^Below: /, "")}
        </span>
        <span aria-hidden className={line} />
      </div>
      {open && (
        <div role="alert" className="mt-3 rounded-lg border border-danger/30 bg-danger/5 px-4 py-3 text-sm text-ink">
          <p>
            <strong>This break hides nothing.</strong> The post is public, so everyone reads what is below it. Choose who can read
            the post, or remove the break. It cannot be published like this.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={chooseAccess}
              className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-strong"
            >
              Choose who can read it
            </button>
            <button
              type="button"
              onClick={() => deleteNode()}
              className="rounded-md border border-line bg-card px-3 py-1.5 text-sm font-semibold hover:border-muted"
            >
              Remove the break
            </button>
          </div>
        </div>
      )}
    </NodeViewWrapper>
  );
}

/** The break's node view; its buttons keep their clicks (ProseMirror would take them as selecting the node). */
export function paywallNodeView(): NodeViewRenderer {
  return ReactNodeViewRenderer(PaywallView, {
    stopEvent: ({ event }) => event.target instanceof Element && event.target.closest("button") !== null,
  });
}
