"use client";
// Add, change or remove the link on the selected text, with the reason shown in place when an
// address is refused (only http(s) and mailto links reach readers).
import type { Editor } from "@tiptap/react";
import { useId, useState, type FormEvent } from "react";
import { isSafeUrl } from "@/lib/document";
import { UrlInput } from "./url-input";

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
      <UrlInput
        id={`${id}-href`}
        label="Link address"
        labelHidden
        value={value}
        onChange={(next) => {
          setValue(next);
          setError(null);
        }}
        onEscape={() => {
          editor.commands.focus();
          onDone();
        }}
        placeholder="https://… or mailto:…"
        error={error}
        inputClassName="w-56 max-w-full bg-card"
      />
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
