"use client";
// Embedding a YouTube or Vimeo video from a pasted link; unsupported links are explained in place.
import type { Editor } from "@tiptap/react";
import { useId, useState, type FormEvent } from "react";
import { parseEmbedUrl } from "@/lib/document";

export function EmbedForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  function insert(event: FormEvent) {
    event.preventDefault();
    const embed = parseEmbedUrl(value);
    if (!embed) {
      setError("That link is not a YouTube or Vimeo video. Paste the address of the video page, like https://youtu.be/… or https://vimeo.com/….");
      return;
    }
    editor.chain().focus().setEmbed(embed).run();
    onDone();
  }

  return (
    <form onSubmit={insert} aria-label="Embed a video" className="flex flex-wrap items-start gap-2 rounded-lg border border-line bg-card p-2 font-sans text-sm shadow-sm">
      <div className="min-w-0 flex-1">
        <label htmlFor={`${id}-url`} className="block text-xs font-semibold text-muted">
          Video link (YouTube or Vimeo)
        </label>
        <input
          id={`${id}-url`}
          autoFocus
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              onDone();
            }
          }}
          placeholder="https://www.youtube.com/watch?v=…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 w-full rounded-md border border-line bg-paper px-2 py-1"
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-danger">
            {error}
          </p>
        )}
      </div>
      <div className="flex gap-1 self-end">
        <button type="submit" className="rounded-md bg-accent px-3 py-1 font-semibold text-white hover:bg-accent-strong">
          Embed
        </button>
        <button type="button" onClick={onDone} className="rounded-md px-3 py-1 font-semibold text-muted hover:bg-line/60">
          Cancel
        </button>
      </div>
    </form>
  );
}
