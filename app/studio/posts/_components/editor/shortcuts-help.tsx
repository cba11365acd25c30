"use client";
// The keyboard-shortcuts popover: everything the editor does from the keyboard, in one list.
import { useEffect, useId, useRef, useState } from "react";

const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ["Bold", "Ctrl+B"],
  ["Italic", "Ctrl+I"],
  ["Underline", "Ctrl+U"],
  ["Strikethrough", "Ctrl+Shift+S"],
  ["Inline code", "Ctrl+E"],
  ["Add or edit a link", "Ctrl+K"],
  ["Heading 2 / 3 / 4", "Ctrl+Alt+2 / 3 / 4"],
  ["Bulleted list", "Ctrl+Shift+8"],
  ["Numbered list", "Ctrl+Shift+7"],
  ["Checklist", "Ctrl+Shift+9"],
  ["Quote", "Ctrl+Shift+B"],
  ["Code block", "Ctrl+Alt+C"],
  ["Line break", "Shift+Enter"],
  ["Insert a block", "/"],
  ["Undo", "Ctrl+Z"],
  ["Redo", "Ctrl+Shift+Z"],
  ["Save now", "Ctrl+S"],
];

const MARKDOWN: ReadonlyArray<[string, string]> = [
  ["Headings", "## , ### , #### "],
  ["Bulleted list", "- or * "],
  ["Numbered list", "1. "],
  ["Checklist", "[ ] "],
  ["Quote", "> "],
  ["Code block", "```"],
  ["Divider", "---"],
  ["Bold, italic", "**bold**, *italic*"],
  ["Code, strikethrough", "`code`, ~~strike~~"],
];

export function ShortcutsHelp() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative ml-auto">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts"
        onClick={() => setOpen((value) => !value)}
        className="min-w-9 rounded-md px-2 py-1.5 text-sm font-semibold text-muted hover:bg-line/60 hover:text-ink"
      >
        ?
      </button>
      {open && (
        <div
          id={`${id}-panel`}
          role="dialog"
          aria-label="Keyboard shortcuts"
          className="absolute right-0 top-full z-30 mt-1 max-h-[70vh] w-[min(22rem,calc(100vw-2.5rem))] overflow-y-auto rounded-lg border border-line bg-card p-3 font-sans text-sm shadow-lg"
        >
          <p className="mb-2 text-xs text-muted">On a Mac, use ⌘ for Ctrl and ⌥ for Alt.</p>
          <ShortcutTable caption="Keyboard" rows={SHORTCUTS} />
          <ShortcutTable caption="Markdown as you type" rows={MARKDOWN} />
        </div>
      )}
    </div>
  );
}

function ShortcutTable({ caption, rows }: { caption: string; rows: ReadonlyArray<[string, string]> }) {
  return (
    <table className="mb-3 w-full">
      <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-muted">{caption}</caption>
      <tbody>
        {rows.map(([action, keys]) => (
          <tr key={action} className="border-t border-line">
            <th scope="row" className="py-1 pr-3 text-left font-normal">
              {action}
            </th>
            <td className="py-1 text-right">
              <kbd className="rounded bg-line/60 px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
