"use client";
// The post's title. Uncontrolled, so a keystroke in it re-renders nothing: the save queue reads
// the field when it saves, and sets it when the text is replaced (a restore, the other version).
import type { RefObject } from "react";
import { fieldError } from "@/app/_lib/trpc-errors";
import { useSaveQueueState, type SaveQueue } from "./use-save-queue";

export function TitleField({
  queue,
  inputRef,
  initial,
  onEnter,
}: {
  queue: SaveQueue;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  initial: string;
  /** Enter leaves the title for the body. */
  onEnter: () => void;
}) {
  const error = useSaveQueueState(queue, (state) => fieldError(state.error, "title"));
  return (
    <>
      <label htmlFor="post-title" className="sr-only">
        Title
      </label>
      <textarea
        ref={inputRef}
        id="post-title"
        rows={1}
        defaultValue={initial}
        onChange={(event) => {
          // A title is one line, even when pasted from several.
          const field = event.target;
          if (field.value.includes("\n")) field.value = field.value.replace(/\n/g, " ");
          queue.edited();
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            onEnter();
          }
        }}
        placeholder="Title"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "post-title-error" : undefined}
        className="mt-4 block w-full resize-none border-0 bg-transparent font-serif text-3xl font-bold leading-tight [field-sizing:content] placeholder:text-faint focus:outline-none sm:mt-6 sm:text-4xl"
      />
      {error && (
        <p id="post-title-error" role="alert" className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </>
  );
}
