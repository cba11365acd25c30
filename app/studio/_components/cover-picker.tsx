"use client";
// Choosing a cover image (a post's or a tier's): the current one as a thumbnail, Choose from the
// creator's uploaded images, Upload a new one, or Remove. The value is a media id or null.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_lib/trpc";
import { mediaUrl } from "@/lib/document/media";
import { acceptAttribute } from "@/lib/media-rules";
import { ImageLibraryDialog } from "./image-library-dialog";
import { useImageUpload } from "./use-image-upload";

export function CoverPicker({
  label = "Cover image",
  value,
  onChange,
  error,
  hint,
  emptyText = "No cover",
}: {
  label?: string;
  /** What the empty thumbnail says. */
  emptyText?: string;
  value: string | null;
  onChange: (mediaId: string | null) => void;
  error?: string | null;
  hint?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [choosing, setChoosing] = useState(false);
  const [note, setNote] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const messageId = useId();
  const upload = useImageUpload((media) => {
    onChange(media.id);
    setNote(`${media.name} uploaded and chosen as the ${label.toLowerCase()}.`);
    void queryClient.invalidateQueries({ queryKey: trpc.creator.images.pathKey() });
  });
  const message = error ?? upload.error;
  // Inside the library dialog while it is open: a modal makes everything outside it inert.
  const fileInput = (
    <input
      ref={inputRef}
      type="file"
      accept={acceptAttribute("image")}
      className="sr-only"
      tabIndex={-1}
      aria-hidden
      data-testid="cover-file-input"
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = "";
        if (!file) return;
        // Progress and any refusal show beside the picker, so the library steps aside.
        setChoosing(false);
        void upload.upload(file);
      }}
    />
  );

  return (
    <div role="group" aria-labelledby={labelId} aria-describedby={message || hint ? messageId : undefined} className="space-y-2">
      <p id={labelId} className="text-sm font-medium text-ink">
        {label}
      </p>
      <div className="flex flex-wrap items-start gap-4">
        <div className="flex aspect-[2/1] w-48 max-w-full shrink-0 items-center justify-center overflow-hidden rounded-lg border border-line bg-line/40">
          {value ? (
            <img src={mediaUrl(value, 480)} alt={`${label}: the current choice`} className="h-full w-full object-cover" />
          ) : (
            <span className="px-2 text-center text-sm text-muted">{emptyText}</span>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setChoosing(true)} disabled={upload.uploading} aria-label={`Choose the ${label.toLowerCase()}`}>
            Choose
          </Button>
          {upload.uploading ? (
            <Button variant="ghost" onClick={upload.cancel} aria-label="Cancel the upload">
              Uploading {upload.percent}%… Cancel
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => inputRef.current?.click()} aria-label={`Upload a new ${label.toLowerCase()}`}>
              Upload
            </Button>
          )}
          {value && !upload.uploading && (
            <Button variant="ghost" onClick={() => onChange(null)} aria-label={`Remove the ${label.toLowerCase()}`}>
              Remove
            </Button>
          )}
        </div>
      </div>
      {!choosing && fileInput}
      {message ? (
        <p id={messageId} role="alert" className="text-sm text-danger">
          {message}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {note}
      </p>
      {choosing && (
        <ImageLibraryDialog
          title={`Choose the ${label.toLowerCase()}`}
          selectedId={value}
          onPick={(id) => {
            onChange(id);
            setChoosing(false);
            setNote("Cover chosen.");
          }}
          onUpload={() => inputRef.current?.click()}
          uploadInput={fileInput}
          onClose={() => setChoosing(false)}
        />
      )}
    </div>
  );
}
