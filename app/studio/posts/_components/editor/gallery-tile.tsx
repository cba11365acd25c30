"use client";
// One image of a gallery in the editor: its thumbnail (the drag handle), its description, and
// the keyboard's way to reorder or remove it.
import Image from "next/image";
import { useId, type DragEvent } from "react";
import { isMediaId, mediaUrl } from "@/lib/document";
import type { GalleryImageAttrs } from "./gallery-ops";

type DragHandler = (event: DragEvent<HTMLElement>) => void;

const iconButton =
  "rounded-md border border-line bg-card px-2 py-1 text-ink hover:border-muted disabled:cursor-not-allowed disabled:opacity-40";

export function GalleryTile({
  tileKey,
  image,
  index,
  count,
  dragging,
  dropTarget,
  onAlt,
  onMove,
  onRemove,
  onDragStart,
  onDragEnd,
  onDragOver,
  onDrop,
}: {
  tileKey: string;
  image: GalleryImageAttrs;
  index: number;
  count: number;
  dragging: boolean;
  dropTarget: boolean;
  onAlt: (alt: string) => void;
  onMove: (to: number, control: "earlier" | "later") => void;
  onRemove: () => void;
  onDragStart: DragHandler;
  onDragEnd: DragHandler;
  onDragOver: DragHandler;
  onDrop: DragHandler;
}) {
  const id = useId();
  const position = `image ${index + 1} of ${count}`;
  return (
    <li
      data-tile-key={tileKey}
      data-media-id={image.mediaId}
      onDragOver={onDragOver}
      onDrop={onDrop}
      className={`flex min-w-0 flex-col gap-2 rounded-lg p-1 ${dropTarget ? "bg-accent-soft ring-2 ring-accent" : ""} ${dragging ? "opacity-50" : ""}`}
    >
      <div
        draggable
        data-gallery-handle=""
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        title="Drag to reorder"
        className="cursor-grab overflow-hidden rounded-md bg-line active:cursor-grabbing"
      >
        {isMediaId(image.mediaId) ? (
          <Image
            unoptimized
            src={mediaUrl(image.mediaId, 480)}
            alt={image.alt || `Gallery ${position}`}
            width={image.naturalWidth ?? 480}
            height={image.naturalHeight ?? 480}
            draggable={false}
            className="aspect-square h-auto w-full object-cover"
          />
        ) : (
          <div className="flex aspect-square items-center justify-center p-2 text-center text-muted">This image is not available.</div>
        )}
      </div>
      <label htmlFor={`${id}-alt`} className="sr-only">
        Description (alt text) of {position}
      </label>
      <input
        id={`${id}-alt`}
        value={image.alt}
        placeholder="Describe this image"
        onChange={(event) => onAlt(event.target.value)}
        className="w-full min-w-0 rounded-md border border-line bg-paper px-2 py-1"
      />
      <div className="flex items-center gap-1">
        <button type="button" data-move="earlier" className={iconButton} aria-label={`Move ${position} earlier`} disabled={index === 0} onClick={() => onMove(index - 1, "earlier")}>
          <span aria-hidden>←</span>
        </button>
        <button type="button" data-move="later" className={iconButton} aria-label={`Move ${position} later`} disabled={index === count - 1} onClick={() => onMove(index + 1, "later")}>
          <span aria-hidden>→</span>
        </button>
        <button
          type="button"
          className="ml-auto rounded-md px-2 py-1 text-danger hover:bg-danger/10"
          aria-label={count === 1 ? `Remove the last image and the gallery` : `Remove ${position}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </li>
  );
}
