"use client";
// The image block inside the editor: the picture from the media route plus its description
// (alt text), caption and width, edited in place.
import { NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import Image from "next/image";
import { useId } from "react";
import { IMAGE_LAYOUTS, isMediaId, mediaUrl, type ImageLayout } from "@/lib/document";

const LAYOUT_LABELS: Record<ImageLayout, string> = { normal: "Normal", wide: "Wide", full: "Full width" };

export function ImageView({ node, updateAttributes, selected }: ReactNodeViewProps) {
  const id = useId();
  const { mediaId, alt, caption, width, naturalWidth, naturalHeight } = node.attrs as {
    mediaId: string;
    alt: string;
    caption: string;
    width: ImageLayout;
    naturalWidth: number | null;
    naturalHeight: number | null;
  };
  return (
    <NodeViewWrapper as="figure" className={`media-image media-${width} not-prose`} data-drag-handle="">
      {isMediaId(mediaId) ? (
        // The media route already serves sized variants: no second optimiser in front of it.
        <Image
          unoptimized
          src={mediaUrl(mediaId, 960)}
          alt={alt}
          width={naturalWidth ?? 960}
          height={naturalHeight ?? 640}
          draggable={false}
          className={`h-auto w-full ${selected ? "ring-2 ring-accent" : ""}`}
        />
      ) : (
        <div className="rounded-md bg-line p-6 text-center text-sm text-muted">This image is not available.</div>
      )}
      <div className="mt-2 grid gap-2 font-sans text-sm" contentEditable={false}>
        <label htmlFor={`${id}-alt`} className="sr-only">
          Image description (alt text)
        </label>
        <input
          id={`${id}-alt`}
          value={alt}
          placeholder="Describe the image for people who cannot see it"
          onChange={(event) => updateAttributes({ alt: event.target.value })}
          className="w-full rounded-md border border-line bg-card px-2 py-1"
        />
        <label htmlFor={`${id}-caption`} className="sr-only">
          Caption
        </label>
        <input
          id={`${id}-caption`}
          value={caption}
          placeholder="Caption (optional)"
          onChange={(event) => updateAttributes({ caption: event.target.value })}
          className="w-full rounded-md border border-line bg-card px-2 py-1 text-center"
        />
        <div role="radiogroup" aria-label="Image width" className="flex justify-center gap-1">
          {IMAGE_LAYOUTS.map((layout) => (
            <button
              key={layout}
              type="button"
              role="radio"
              aria-checked={width === layout}
              onClick={() => updateAttributes({ width: layout })}
              className={`rounded-md px-2 py-1 ${width === layout ? "bg-accent-soft text-accent-strong" : "text-muted hover:bg-line/60"}`}
            >
              {LAYOUT_LABELS[layout]}
            </button>
          ))}
        </div>
      </div>
    </NodeViewWrapper>
  );
}
