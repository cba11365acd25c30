// The names uploads are shown and downloaded under: what a creator called the file, minus
// anything that could disguise it or break the header that carries it.
import "server-only";
import { withoutDisguisingCharacters } from "@/lib/disguising-characters";
import type { MediaKind } from "@/lib/media-rules";


/** File names are shown and offered for download: short, without paths or hidden characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Cut by characters, not UTF-16 units: a lone surrogate would make the header's encoding throw.
  const cleaned = [...withoutDisguisingCharacters(base.toWellFormed()).trim()].slice(0, 200).join("").trim();
  return cleaned || "upload";
}

/**
 * Cleaned again here, not only on upload: names stored before a character joined the list above
 * must not reach a download dialog either.
 */
export function contentDisposition(kind: MediaKind, storedName: string): string {
  const name = cleanFileName(storedName);
  const type = kind === "file" ? "attachment" : "inline";
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
