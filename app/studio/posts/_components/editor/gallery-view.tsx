"use client";
// The gallery block inside the editor: its images as a grid of thumbnails, each with its
// description (alt text); reordered by dragging or with Move earlier/later buttons, removed one
// by one, and added to with more uploads. ProseMirror leaves the block to this view (see
// galleryNodeView), so every change is a transaction from gallery-ops.
import { NodeViewWrapper, ReactNodeView, ReactNodeViewRenderer, type NodeViewRenderer, type ReactNodeViewProps } from "@tiptap/react";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { Button } from "@/app/_components/button";
import { isAbortError, uploadFile } from "@/app/_lib/upload";
import { refusalText } from "@/app/studio/_components/use-image-upload";
import { acceptAttribute } from "@/lib/media-rules";
import { changeGallery, imagesOf, moveImage, type GalleryImageAttrs } from "./gallery-ops";
import { GalleryTile } from "./gallery-tile";

/** Drag data of a gallery tile: its index, only understood by the gallery it came from. */
const DRAG_TYPE = "application/x-atelier-gallery-image";

/** Keys that stay with an image when it moves, so React moves its tile instead of rebuilding it. */
function tileKeys(images: GalleryImageAttrs[]): string[] {
  const seen = new Map<string, number>();
  return images.map(({ mediaId }) => {
    const count = seen.get(mediaId) ?? 0;
    seen.set(mediaId, count + 1);
    return `${mediaId}:${count}`;
  });
}

export function GalleryView({ node, editor, getPos, selected }: ReactNodeViewProps) {
  const images = imagesOf(node);
  const keys = tileKeys(images);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [uploading, setUploading] = useState(0);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const refocus = useRef<{ key: string; control: string } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // A moved tile is re-inserted by React, which drops focus: put it back on the same control
  // (or its twin when the tile reached an end and that control is now disabled).
  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const tile = listRef.current?.querySelector<HTMLElement>(`[data-tile-key="${CSS.escape(target.key)}"]`);
    const buttons = Array.from(tile?.querySelectorAll<HTMLButtonElement>("button[data-move]") ?? []);
    (buttons.find((button) => button.dataset.move === target.control && !button.disabled) ?? buttons.find((button) => !button.disabled))?.focus();
  }, [node]);

  function move(from: number, to: number, control?: string) {
    if (to < 0 || to >= images.length || from === to) return;
    // Set before the change: the node view may re-render while it is dispatched.
    refocus.current = control ? { key: keys[from]!, control } : null;
    if (!changeGallery(editor, getPos, (current) => moveImage(current, from, to))) return;
    setAnnouncement(`Image ${from + 1} moved to position ${to + 1} of ${images.length}.`);
  }

  function remove(index: number) {
    const last = images.length === 1;
    if (!changeGallery(editor, getPos, (current) => current.filter((_, i) => i !== index))) return;
    if (last) editor.commands.focus();
    else setAnnouncement(`Image ${index + 1} removed. ${images.length - 1} left in the gallery.`);
  }

  async function add(files: File[]) {
    if (files.length === 0) return;
    setUploadError(null);
    setUploading((count) => count + files.length);
    const results = await Promise.all(
      files.map(async (file) => {
        try {
          return await uploadFile(file, { kind: "image" });
        } catch (error) {
          if (!isAbortError(error)) {
            setUploadError(`${file.name}: ${refusalText(error)}`);
          }
          return null;
        } finally {
          setUploading((count) => count - 1);
        }
      }),
    );
    const added = results
      .filter((media) => media !== null)
      .map((media): GalleryImageAttrs => ({ mediaId: media.id, alt: "", naturalWidth: media.width, naturalHeight: media.height }));
    if (added.length > 0 && changeGallery(editor, getPos, (current) => [...current, ...added])) {
      setAnnouncement(`${added.length === 1 ? "1 image" : `${added.length} images`} added to the gallery.`);
    }
  }

  function dropOn(index: number, event: DragEvent) {
    if (dragFrom === null || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    move(dragFrom, index);
    setDragFrom(null);
    setDropAt(null);
  }

  return (
    <NodeViewWrapper
      as="div"
      role="group"
      aria-label={`Gallery of ${images.length} ${images.length === 1 ? "image" : "images"}`}
      className={`editor-gallery my-6 rounded-xl border border-line bg-card p-3 font-sans text-sm ${selected ? "ring-2 ring-accent" : ""}`}
      contentEditable={false}
      // ProseMirror makes the whole block draggable; only a thumbnail starts a drag here, so
      // selecting text in a description never drags the gallery instead.
      onDragStartCapture={(event: DragEvent) => {
        if (!(event.target instanceof Element) || !event.target.closest("[data-gallery-handle]")) event.preventDefault();
      }}
    >
      {/* Important: the post's own list styles (numbers, indent) would otherwise win over these. */}
      <ol ref={listRef} className="m-0! grid list-none! grid-cols-2 gap-3 p-0! sm:grid-cols-3" aria-label="Gallery images">
        {images.map((image, index) => (
          <GalleryTile
            key={keys[index]}
            tileKey={keys[index]!}
            image={image}
            index={index}
            count={images.length}
            dragging={dragFrom === index}
            dropTarget={dropAt === index && dragFrom !== index}
            onAlt={(alt) => changeGallery(editor, getPos, (current) => current.map((item, i) => (i === index ? { ...item, alt } : item)))}
            onMove={(to, control) => move(index, to, control)}
            onRemove={() => remove(index)}
            onDragStart={(event) => {
              event.dataTransfer.setData(DRAG_TYPE, String(index));
              event.dataTransfer.effectAllowed = "move";
              setDragFrom(index);
            }}
            onDragEnd={() => {
              setDragFrom(null);
              setDropAt(null);
            }}
            onDragOver={(event) => {
              if (dragFrom === null || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = "move";
              setDropAt(index);
            }}
            onDrop={(event) => dropOn(index, event)}
          />
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="secondary" className="px-3 py-1.5" onClick={() => inputRef.current?.click()} disabled={uploading > 0}>
          {uploading > 0 ? `Uploading ${uploading === 1 ? "1 image" : `${uploading} images`}…` : "Add images"}
        </Button>
        <span className="text-xs text-muted">Drag a picture, or use the arrows, to change the order.</span>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept={acceptAttribute("image")}
          className="sr-only"
          tabIndex={-1}
          aria-label="Images to add to the gallery"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = "";
            void add(files);
          }}
        />
      </div>
      {uploadError && (
        <p role="alert" className="mt-2 text-danger">
          {uploadError}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </NodeViewWrapper>
  );
}

/**
 * The gallery's node view. ProseMirror would otherwise render the gallery's images itself, into a
 * content element: this view draws them, so it keeps no content element and owns every event in it.
 */
export function galleryNodeView(): NodeViewRenderer {
  const render = ReactNodeViewRenderer(GalleryView, { stopEvent: () => true, ignoreMutation: () => true });
  return (props) => {
    const view = render(props);
    if (view instanceof ReactNodeView) {
      view.contentDOMElement?.remove();
      view.contentDOMElement = null;
    }
    return view;
  };
}
