"use client";
// A modal on the native <dialog>: focus is trapped by the browser and given back to what had it,
// Escape closes it unless the caller must have an answer first.
import { useEffect, useId, useRef, type ReactNode } from "react";

export function EditorDialog({
  title,
  description,
  onClose,
  children,
  size = "wide",
}: {
  title: string;
  description?: ReactNode;
  /** Omit when the dialog must be answered (a conflict); Escape then does nothing. */
  onClose?: () => void;
  children: ReactNode;
  size?: "wide" | "side" | "narrow";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // The browser gives the focus back only to a dialog closed in place; this one leaves the page.
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const frame =
    size === "side"
      ? "ml-auto mr-0 h-dvh max-h-dvh w-full max-w-xl rounded-none sm:rounded-l-2xl"
      : `m-auto max-h-[92dvh] w-[calc(100%-1.5rem)] rounded-2xl ${size === "narrow" ? "max-w-lg" : "max-w-5xl"}`;

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
      className={`${frame} border border-line bg-paper p-0 text-ink shadow-2xl backdrop:bg-ink/40`}
    >
      <div className="flex h-full max-h-[inherit] flex-col">
        <header className="flex items-start justify-between gap-4 border-b border-line px-5 py-4">
          <div>
            <h2 id={titleId} className="text-lg font-bold">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-1 text-sm text-muted">
                {description}
              </div>
            )}
          </div>
          {onClose && (
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded-md px-2 py-1 text-xl leading-none text-muted hover:bg-line/60 hover:text-ink"
            >
              ×
            </button>
          )}
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
      </div>
    </dialog>
  );
}
