"use client";
// One toolbar button: labelled for screen readers, pressed state for marks and blocks, and it
// keeps the editor's selection (mousedown is swallowed so focus stays in the text). A label holds
// the button's visible text ("Heading 2 (H2)" for "H2"), so speaking what is seen finds it.
import type { ReactNode } from "react";

export function ToolButton({
  label,
  shortcut,
  active,
  disabled,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={active ?? undefined}
      aria-keyshortcuts={shortcut?.replace(/Ctrl/g, "Control")}
      title={shortcut ? `${label} · ${shortcut}` : label}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      className={`min-w-9 shrink-0 rounded-md px-2 py-1.5 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-40 ${
        active ? "bg-accent-soft text-accent-strong" : "text-muted hover:bg-line/60 hover:text-ink"
      }`}
    >
      {children}
    </button>
  );
}
