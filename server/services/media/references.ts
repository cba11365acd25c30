// Which media a post document points at: every node attribute named `mediaId` or `…MediaId`
// (an image, a video's poster, the items of a gallery), wherever it sits in the tree.
import "server-only";

const MEDIA_ID_KEY = /^(mediaId|[a-z][A-Za-z0-9]*MediaId)$/;
/** Documents are validated for depth before this runs; the cap only guards against cycles or abuse. */
const MAX_DEPTH = 200;

export function collectMediaIds(document: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (MEDIA_ID_KEY.test(key) && typeof child === "string" && child.length > 0 && child.length <= 64) found.add(child);
      else walk(child, depth + 1);
    }
  };
  walk(document, 0);
  return found;
}
