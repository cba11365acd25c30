"use client";
// The creator's uploaded images, newest first and a page at a time, to pick one from; with no
// images yet it says so and offers the upload instead.
import { useInfiniteQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { EditorDialog } from "@/app/studio/posts/_components/editor-dialog";

export function ImageLibraryDialog({
  title,
  selectedId,
  onPick,
  onUpload,
  uploadInput,
  onClose,
}: {
  title: string;
  selectedId: string | null;
  onPick: (id: string) => void;
  onUpload: () => void;
  /** The picker's file input, placed here because the modal makes everything outside it inert. */
  uploadInput: ReactNode;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const images = useInfiniteQuery(trpc.creator.images.infiniteQueryOptions({}, { getNextPageParam: (page) => page.nextCursor }));
  const items = images.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <EditorDialog title={title} description="Your uploaded images, newest first." onClose={onClose}>
      {uploadInput}
      {images.isPending ? (
        <p role="status" className="py-8 text-center text-muted">
          Loading your images…
        </p>
      ) : images.isError ? (
        <FormError message={uiError(images.error).message} />
      ) : items.length === 0 ? (
        <div className="flex flex-col items-center gap-3 py-10 text-center">
          <p className="font-semibold">You have not uploaded any images yet.</p>
          <p className="max-w-sm text-sm text-muted">Upload one from your device (JPEG, PNG, WebP, GIF or AVIF): it is kept in your library to use again.</p>
          <Button onClick={onUpload}>Upload an image</Button>
        </div>
      ) : (
        <>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4" aria-label="Your images">
            {items.map((image) => (
              <li key={image.id}>
                <button
                  type="button"
                  onClick={() => onPick(image.id)}
                  aria-pressed={image.id === selectedId}
                  className={`group block w-full overflow-hidden rounded-lg border text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-accent ${
                    image.id === selectedId ? "border-accent ring-2 ring-accent" : "border-line hover:border-muted"
                  }`}
                >
                  {/* The media route serves the sized thumbnail itself. */}
                  <img src={image.thumbUrl} alt="" loading="lazy" className="aspect-[4/3] w-full bg-line object-cover" />
                  <span className="block px-2 py-1 text-xs text-muted">
                    <span className="sr-only">Use the image uploaded </span>
                    <LocalTime date={image.createdAt} withTime />
                    {image.width && image.height ? ` · ${image.width}×${image.height}` : ""}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
            <Button variant="ghost" onClick={onUpload}>
              Upload a new image
            </Button>
            {images.hasNextPage && (
              <Button variant="secondary" onClick={() => void images.fetchNextPage()} disabled={images.isFetchingNextPage}>
                {images.isFetchingNextPage ? "Loading…" : "Show older images"}
              </Button>
            )}
          </div>
        </>
      )}
    </EditorDialog>
  );
}
