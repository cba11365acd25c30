// What each kind of upload may be: the size caps and the allowed formats, stated once, and what a
// finished upload answers. Pure data and functions, shared by the editor (which refuses a file
// before sending it) and the media service (which decides, and says why).
import { formatBytes } from "./document/media";

export const MEDIA_KINDS = ["image", "audio", "video", "file"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** What the editor learns about a finished upload (the upload route's answer). */
export type UploadedMedia = {
  id: string;
  kind: MediaKind;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  blurDataUrl: string | null;
  name: string;
};

// Decimal, as formatBytes and file managers count: a "20 MB" limit is the 20 MB a creator sees.
const MB = 1000 * 1000;

/** The largest upload of each kind, in bytes. */
export const MEDIA_SIZE_CAPS: Record<MediaKind, number> = {
  image: 20 * MB,
  audio: 200 * MB,
  video: 500 * MB,
  file: 100 * MB,
};

/** Uploads per creator: generous for a busy writing session, a wall against scripted floods. */
export const MEDIA_UPLOAD_RATE = { limit: 120, windowSeconds: 60 * 60 };

/**
 * Images larger than this many pixels are refused before decoding: a small file can declare
 * enormous dimensions (a decompression bomb) and exhaust memory when decoded.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The stored "full size" image is re-encoded no wider or taller than this. */
export const IMAGE_MAX_EDGE = 2560;

type Format = { ext: string; mime: string; label: string };

/**
 * Formats accepted per kind, keyed by the extension file-type reports from the bytes. `mime` is
 * what we serve. SVG is never an image here: it is a document that can carry scripts. Plain text
 * is not offered as a file: nothing in its bytes proves what it is.
 */
export const MEDIA_FORMATS: Record<MediaKind, readonly Format[]> = {
  image: [
    { ext: "jpg", mime: "image/jpeg", label: "JPEG" },
    { ext: "png", mime: "image/png", label: "PNG" },
    { ext: "webp", mime: "image/webp", label: "WebP" },
    { ext: "gif", mime: "image/gif", label: "GIF" },
    { ext: "avif", mime: "image/avif", label: "AVIF" },
  ],
  audio: [
    { ext: "mp3", mime: "audio/mpeg", label: "MP3" },
    { ext: "m4a", mime: "audio/mp4", label: "M4A" },
    { ext: "aac", mime: "audio/aac", label: "AAC" },
    { ext: "ogg", mime: "audio/ogg", label: "Ogg" },
    { ext: "opus", mime: "audio/ogg", label: "Opus" },
    { ext: "wav", mime: "audio/wav", label: "WAV" },
    { ext: "flac", mime: "audio/flac", label: "FLAC" },
  ],
  video: [
    { ext: "mp4", mime: "video/mp4", label: "MP4" },
    { ext: "m4v", mime: "video/mp4", label: "M4V" },
    { ext: "webm", mime: "video/webm", label: "WebM" },
    { ext: "mov", mime: "video/quicktime", label: "MOV" },
  ],
  file: [
    { ext: "pdf", mime: "application/pdf", label: "PDF" },
    { ext: "zip", mime: "application/zip", label: "ZIP" },
    { ext: "epub", mime: "application/epub+zip", label: "EPUB" },
  ],
};

const KIND_NOUN: Record<MediaKind, string> = { image: "image", audio: "audio file", video: "video", file: "file" };

export function isMediaKind(value: unknown): value is MediaKind {
  return typeof value === "string" && (MEDIA_KINDS as readonly string[]).includes(value);
}

export function allowedFormatsText(kind: MediaKind): string {
  const labels = [...new Set(MEDIA_FORMATS[kind].map((f) => f.label))];
  return labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}` : (labels[0] ?? "");
}

export function tooLargeMessage(kind: MediaKind, size?: number): string {
  const limit = formatBytes(MEDIA_SIZE_CAPS[kind]);
  const shown = size === undefined ? undefined : formatBytes(size);
  // Just over the cap rounds to the cap itself ("20 MB … limit is 20 MB"): leave the size out then.
  const what = shown === undefined || shown === limit ? `This ${KIND_NOUN[kind]}` : `This ${KIND_NOUN[kind]} (${shown})`;
  return `${what} is too large: the limit is ${limit}.`;
}

export function wrongTypeMessage(kind: MediaKind): string {
  const noun = KIND_NOUN[kind];
  return `This is not ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun} we accept. Use ${allowedFormatsText(kind)}.`;
}

/** The format of `ext` (as sniffed from the bytes) when it is allowed for `kind`. */
export function allowedFormat(kind: MediaKind, ext: string | undefined): Format | null {
  return MEDIA_FORMATS[kind].find((format) => format.ext === ext) ?? null;
}

/** For `<input type="file" accept>`: a hint for the picker only; the server decides from the bytes. */
export function acceptAttribute(kind: MediaKind): string {
  const formats = MEDIA_FORMATS[kind];
  return [...new Set([...formats.map((f) => `.${f.ext}`), ...formats.map((f) => f.mime)])].join(",");
}

/**
 * The kind a file most likely is, from its declared type, for drops and pastes where nobody
 * chose a kind. Only a routing hint: the server still checks the bytes against that kind.
 */
export function guessKind(declaredType: string): MediaKind {
  if (declaredType.startsWith("image/")) return "image";
  if (declaredType.startsWith("audio/")) return "audio";
  if (declaredType.startsWith("video/")) return "video";
  return "file";
}

/** A refusal before any byte is sent, when the browser already knows the file is too large. */
export function precheckUpload(kind: MediaKind, size: number): string | null {
  if (size === 0) return "This file is empty.";
  if (size > MEDIA_SIZE_CAPS[kind]) return tooLargeMessage(kind, size);
  return null;
}
