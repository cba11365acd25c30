// The editor's copy on this device: written on every change, cleared once the server holds it.
import type { PostDocument } from "@/lib/document/validate";

export type LocalCopy = { title: string; document: PostDocument; baseVersion: number; savedAt: number };

const key = (postId: string | null) => `atelier:post:${postId ?? "new"}`;

export function writeLocalCopy(postId: string | null, copy: LocalCopy): void {
  try {
    localStorage.setItem(key(postId), JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server save is still on its way.
  }
}

export function readLocalCopy(postId: string | null): LocalCopy | null {
  try {
    const raw = localStorage.getItem(key(postId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalCopy>;
    if (typeof parsed.title !== "string" || typeof parsed.savedAt !== "number" || !parsed.document) return null;
    return { title: parsed.title, document: parsed.document, baseVersion: parsed.baseVersion ?? 0, savedAt: parsed.savedAt };
  } catch {
    return null;
  }
}

export function clearLocalCopy(postId: string | null): void {
  try {
    localStorage.removeItem(key(postId));
  } catch {
    // Nothing to clear.
  }
}
