"use client";
// The "/" menu's list, drawn where the caret is. The extension in slash-commands.ts owns the state
// and the keyboard (arrows, Enter, Escape); this component only shows it and takes clicks.
import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useId, useSyncExternalStore } from "react";
import type { SlashMenuState } from "./slash-commands";

function useSlashState(editor: Editor): SlashMenuState | null {
  // Absent when the editor was built without editorExtensions: then there is no menu to show.
  const storage = (editor.storage as Partial<typeof editor.storage>).slashCommand;
  const subscribe = useCallback(
    (listener: () => void) => {
      storage?.listeners.add(listener);
      return () => void storage?.listeners.delete(listener);
    },
    [storage],
  );
  return useSyncExternalStore(subscribe, () => storage?.state ?? null, () => null);
}

export function SlashMenu({ editor }: { editor: Editor }) {
  const state = useSlashState(editor);
  const id = useId();
  const open = Boolean(state?.rect);
  const selected = open && state?.items[state.selected] ? `${id}-${state.selected}` : null;

  // The focus stays in the text while the arrows move through the list: the text names the list and
  // its chosen entry, so a screen reader says which block Enter will insert.
  useEffect(() => {
    // Read only while the menu is open: before the editor is mounted its view does not exist.
    if (!open) return;
    const text = editor.view.dom;
    text.setAttribute("aria-controls", `${id}-list`);
    if (selected) text.setAttribute("aria-activedescendant", selected);
    else text.removeAttribute("aria-activedescendant");
    return () => {
      text.removeAttribute("aria-controls");
      text.removeAttribute("aria-activedescendant");
    };
  }, [editor, id, open, selected]);

  if (!state || !state.rect) return null;
  const top = Math.min(state.rect.bottom + 6, window.innerHeight - 320);
  const left = Math.min(state.rect.left, window.innerWidth - 272);

  return (
    <div
      id={`${id}-list`}
      role="listbox"
      aria-label="Insert block"
      style={{ top: Math.max(top, 8), left: Math.max(left, 8) }}
      className="fixed z-30 max-h-80 w-64 overflow-y-auto rounded-lg border border-line bg-card p-1 font-sans text-sm shadow-lg"
    >
      {state.items.length === 0 ? (
        <p className="px-3 py-2 text-muted">No block matches. Keep typing or press Escape.</p>
      ) : (
        state.items.map((item, index) => (
          <button
            key={item.id}
            id={`${id}-${index}`}
            type="button"
            role="option"
            aria-selected={index === state.selected}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => state.choose(item)}
            className={`flex w-full items-baseline justify-between gap-3 rounded-md px-3 py-1.5 text-left ${
              index === state.selected ? "bg-accent-soft text-accent-strong" : "hover:bg-line/60"
            }`}
          >
            <span className="font-medium">{item.title}</span>
            <span className="truncate text-xs text-muted">{item.hint}</span>
          </button>
        ))
      )}
    </div>
  );
}
