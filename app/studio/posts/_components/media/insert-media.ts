// Placing finished uploads into the document through the document's own commands, and editing
// the attributes of a placed node (alt text, poster) by its media id.
import type { Editor } from "@tiptap/react";
import type { UploadedMedia } from "@/app/_lib/upload";

const NODE_FOR_KIND = { image: "image", audio: "audio", video: "video", file: "attachment" } as const;

function withoutExtension(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, "");
}

/** Why the editor cannot hold this kind, or null when it can. */
export function unsupportedReason(editor: Editor, kind: UploadedMedia["kind"], several = false): string | null {
  const node = several && kind === "image" ? "gallery" : NODE_FOR_KIND[kind];
  return editor.schema.nodes[node] ? null : `This editor cannot place ${kind === "file" ? "attachments" : `${kind}s`} yet.`;
}

/** Inserts at the caret: several images as one gallery, anything else one node each. */
export function insertUploaded(editor: Editor, items: UploadedMedia[]): boolean {
  const images = items.filter((item) => item.kind === "image");
  const gallery = images.length > 1;
  const chain = () => editor.chain().focus();
  if (
    gallery &&
    !chain()
      .setGallery(images.map((image) => ({ mediaId: image.id, alt: "", naturalWidth: image.width, naturalHeight: image.height })))
      .run()
  ) {
    return false;
  }
  return items.every((item) => {
    if (gallery && item.kind === "image") return true;
    switch (item.kind) {
      case "image":
        return chain().setImage({ mediaId: item.id, alt: "", naturalWidth: item.width, naturalHeight: item.height }).run();
      case "audio":
        return chain().setAudio({ mediaId: item.id, title: withoutExtension(item.name), durationSeconds: item.durationSeconds }).run();
      case "video":
        return chain().setVideo({ mediaId: item.id, posterMediaId: null }).run();
      case "file":
        return chain().setAttachment({ mediaId: item.id, name: item.name, size: item.size, mime: item.mime }).run();
    }
  });
}

/** Updates attributes of every node that shows `mediaId` (an image may be placed more than once). */
export function setMediaAttrs(editor: Editor, mediaId: string, attrs: Record<string, unknown>): void {
  editor.commands.command(({ tr, state }) => {
    state.doc.descendants((node, pos) => {
      if (node.attrs.mediaId === mediaId) tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs });
    });
    return true;
  });
}

/** Whether a node showing `mediaId` is still in the document (the writer may have deleted it). */
export function hasMedia(editor: Editor, mediaId: string): boolean {
  let found = false;
  editor.state.doc.descendants((node) => {
    if (node.attrs.mediaId === mediaId) found = true;
    return !found;
  });
  return found;
}
