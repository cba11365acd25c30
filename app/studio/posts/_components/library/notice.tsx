import type { ActionNotice } from "./use-library-action";

/** Always rendered, so screen readers announce the message when it appears. */
export function Notice({ notice }: { notice: ActionNotice | null }) {
  return (
    <div aria-live="polite" role="status" className="min-h-0">
      {notice && (
        <p
          className={`rounded-lg px-3 py-2 text-sm ${
            notice.tone === "ok" ? "bg-ok/10 text-ok" : "border border-danger/30 bg-danger/5 text-danger"
          }`}
        >
          {notice.text}
        </p>
      )}
    </div>
  );
}
