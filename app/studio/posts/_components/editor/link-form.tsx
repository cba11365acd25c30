"use client";
// Add, change or remove the link on the selected text, with the reason shown in place when an
// address is refused (only http(s) and mailto links reach readers).
import type { Editor } from "@tiptap/react";
import { useId, useState, type FormEvent } from "react";
import { isSafeUrl } from "@/lib/document";

/** What the creator typed, as the href we would store: bare hosts get https://, bare emails mailto:. */
export function normaliseLinkInput(input: string): string {
  const value = input.trim();
  if (value === "" || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("/")) return value;
  return /^[^\s/@]+@[^\s/@]+\.[^\s/@]+$/.test(value) ? `mailto:${value}` : `https://${value}`;
}

export function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const id = useId();
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);

  function apply(event: FormEvent) {
    event.preventDefault();
    const href = normaliseLinkInput(value);
    if (href === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      onDone();
      return;
    }
    // With nothing selected, the address itself becomes the linked text.
    const linked =
      isSafeUrl(href) &&
      (editor.state.selection.empty && !editor.isActive("link")
        ? editor.chain().focus().insertContent({ type: "text", text: value.trim(), marks: [{ type: "link", attrs: { href } }] }).run()
        : editor.chain().focus().extendMarkRange("link").setLink({ href }).run());
    if (!linked) {
      setError("Links must start with http://, https:// or mailto:.");
      return;
    }
    onDone();
  }

  return (
    <form onSubmit={apply} className="flex flex-wrap items-start gap-1 p-1 font-sans text-sm" aria-label="Link">
      <div className="min-w-0 flex-1">
        <label htmlFor={`${id}-href`} className="sr-only">
          Link address
        </label>
        <input
          id={`${id}-href`}
          autoFocus
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              editor.commands.focus();
              onDone();
            }
          }}
          placeholder="https://… or mailto:…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="w-56 max-w-full rounded-md border border-line bg-card px-2 py-1"
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-danger">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="rounded-md bg-accent px-2 py-1 font-semibold text-white hover:bg-accent-strong">
        Apply
      </button>
      {current !== "" && (
        <button
          type="button"
          onClick={() => {
            editor.chain().focus().extendMarkRange("link").unsetLink().run();
            onDone();
          }}
          className="rounded-md px-2 py-1 font-semibold text-danger hover:bg-danger/10"
        >
          Remove
        </button>
      )}
    </form>
  );
}
