// DOM events the editor dispatches on its own element (editor.view.dom, bubbling), so features
// outside the editor can respond without the editor knowing them.

/**
 * Contract with the media uploader: choosing Image, Audio, Video or File in the "/" menu
 * dispatches `new CustomEvent("atelier:insert-media", { detail: { kind }, bubbles: true })` on
 * editor.view.dom, kind being "image" | "audio" | "video" | "file". The uploader listens for it,
 * asks for a file, uploads it, and inserts the node with the editor commands setImage, setGallery,
 * setAudio, setVideo or setAttachment (declared in lib/document/nodes/media.ts).
 */
export const INSERT_MEDIA_EVENT = "atelier:insert-media";
export type InsertMediaKind = "image" | "audio" | "video" | "file";
export type InsertMediaDetail = { kind: InsertMediaKind };

/** Asks the toolbar to open its embed form (the "/" menu's "Embed video"). */
export const OPEN_EMBED_EVENT = "atelier:open-embed";

/** Asks the toolbar to open its link form (Ctrl/⌘+K). */
export const EDIT_LINK_EVENT = "atelier:edit-link";

export function dispatchEditorEvent<T>(dom: HTMLElement, name: string, detail?: T) {
  dom.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
}
