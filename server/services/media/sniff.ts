// Deciding what an upload is from its first bytes, never from its name or declared type.
import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { allowedFormat, wrongTypeMessage, type MediaKind } from "@/lib/media-rules";

/** How many leading bytes detection needs (file-type reads at most this many for our formats). */
export const SNIFF_BYTES = 4100;

export type SniffResult =
  | { ok: true; ext: string; mime: string }
  | { ok: false; message: string };

/** An SVG or other XML/HTML text, which file-type reports as nothing (or as XML). */
function looksLikeMarkup(head: Uint8Array): boolean {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head.subarray(0, 1024)).replace(/^\uFEFF/, "").trimStart();
  return /^<(\?xml|svg|!doctype|html)/i.test(text) || /<svg[\s>]/i.test(text);
}

export async function sniffUpload(kind: MediaKind, head: Uint8Array): Promise<SniffResult> {
  const detected = await fileTypeFromBuffer(head);
  const format = allowedFormat(kind, detected?.ext);
  if (format) return { ok: true, ext: format.ext, mime: format.mime };
  if (kind === "image" && (detected?.ext === "svg" || detected?.ext === "xml" || (!detected && looksLikeMarkup(head)))) {
    return { ok: false, message: "SVG images are not accepted, because they can carry scripts. Export it as PNG or JPEG." };
  }
  return { ok: false, message: wrongTypeMessage(kind) };
}
