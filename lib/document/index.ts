// The post document model: one schema for editor, validator and renderer, plus plain-text views.
// HTML rendering is deliberately not re-exported: import it from "@/lib/document/render" on the server.
export { documentExtensions, documentSchema, LINK_REL } from "./extensions";
export {
  EMBED_PROVIDERS,
  formatBytes,
  formatDuration,
  IMAGE_LAYOUTS,
  IMAGE_WIDTHS,
  isEmbedId,
  isMediaId,
  mediaUrl,
  parseEmbedUrl,
  type EmbedProvider,
  type EmbedRef,
  type ImageLayout,
} from "./media";
export type { AttachmentInput, AudioInput, GalleryImageInput, ImageInput, VideoInput } from "./nodes/media";
export { hasPaywallBreak, postKind, teaserDocument, type PostKind } from "./teaser";
export { isSafeUrl, LINK_PROTOCOLS, urlScheme, type UrlPolicy } from "./url";
export {
  DOCUMENT_LIMITS,
  emptyDocument,
  validateDocument,
  type AttrValue,
  type DocumentMark,
  type DocumentNode,
  type DocumentProblem,
  type DocumentProblemCode,
  type DocumentValidation,
  type PostDocument,
} from "./validate";
export { countWords, documentPlainText, excerpt, readingMinutes, WORDS_PER_MINUTE } from "./text";
