// Editing a gallery through ProseMirror transactions: its images are replaced as a whole list,
// so reordering, describing, removing and adding are one undoable step each.
import type { Editor } from "@tiptap/core";
import { Fragment, type Node as PmNode } from "@tiptap/pm/model";
import type { GalleryImageInput } from "@/lib/document";

export type GalleryImageAttrs = Required<GalleryImageInput>;

export function imagesOf(gallery: PmNode): GalleryImageAttrs[] {
  const images: GalleryImageAttrs[] = [];
  gallery.forEach((child) => images.push(child.attrs as GalleryImageAttrs));
  return images;
}

/** `images` with the one at `from` moved to index `to`. */
export function moveImage<T>(images: readonly T[], from: number, to: number): T[] {
  const next = [...images];
  const [moved] = next.splice(from, 1);
  if (moved === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
  return next;
}

/**
 * Replaces the images of the gallery at `getPos()` with `change(current images)`, read at the
 * moment of the change (an upload may finish after other edits). An empty list removes the gallery.
 */
export function changeGallery(
  editor: Editor,
  getPos: () => number | undefined,
  change: (images: GalleryImageAttrs[]) => GalleryImageAttrs[],
): boolean {
  const pos = getPos();
  if (typeof pos !== "number" || editor.isDestroyed) return false;
  const gallery = editor.state.doc.nodeAt(pos);
  if (!gallery || gallery.type.name !== "gallery") return false;
  const next = change(imagesOf(gallery));
  const { tr, schema } = editor.state;
  if (next.length === 0) {
    tr.delete(pos, pos + gallery.nodeSize);
  } else {
    const content = Fragment.fromArray(next.map((attrs) => schema.nodes.galleryImage!.create(attrs)));
    tr.replaceWith(pos + 1, pos + gallery.nodeSize - 1, content);
  }
  editor.view.dispatch(tr);
  return true;
}
