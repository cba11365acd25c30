"use client";
// Embedding a YouTube or Vimeo video from a pasted link; unsupported links are explained in place.
import type { Editor } from "@tiptap/react";
import { useId, useState, type FormEvent } from "react";
import { parseEmbedUrl } from "@/lib/document";
import { UrlInput } from "./url-input";

export function EmbedForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  /** Back to the text, where the creator was writing. */
  function cancel() {
    editor.commands.focus();
    onDone();
  }

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
      <UrlInput
        id={`${id}-url`}
        label="Video link (YouTube or Vimeo)"
        value={value}
        onChange={(next) => {
          setValue(next);
          setError(null);
        }}
        onEscape={cancel}
        placeholder="https://www.youtube.com/watch?v=…"
        error={error}
        inputClassName="mt-1 w-full bg-paper"
      />
      <div className="flex gap-1 self-end">
        <button type="submit" className="rounded-md bg-accent px-3 py-1 font-semibold text-white hover:bg-accent-strong">
          Embed
        </button>
        <button type="button" onClick={cancel} className="rounded-md px-3 py-1 font-semibold text-muted hover:bg-line/60">
          Cancel
        </button>
      </div>
    </form>
  );
}
