// The editor's copies on this device. `draft`: written on every change, cleared once the server
// holds it. `set-aside`: the creator's own text after they chose "Take theirs" in a conflict,
// kept until the next successful save so even that choice can be undone after a crash.
import type { PostDocument } from "@/lib/document/validate";

export type LocalCopy = { title: string; document: PostDocument; baseVersion: number; savedAt: number };
export type LocalSlot = "draft" | "set-aside";

const key = (postId: string | null, slot: LocalSlot) =>
  `atelier:post:${postId ?? "new"}${slot === "draft" ? "" : `:${slot}`}`;

export function writeLocalCopy(postId: string | null, copy: LocalCopy, slot: LocalSlot = "draft"): void {
  try {
    localStorage.setItem(key(postId, slot), JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server save is still on its way.
  }
}

export function readLocalCopy(postId: string | null, slot: LocalSlot = "draft"): LocalCopy | null {
  try {
    const raw = localStorage.getItem(key(postId, slot));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalCopy>;
    if (typeof parsed.title !== "string" || typeof parsed.savedAt !== "number" || !parsed.document) return null;
    return { title: parsed.title, document: parsed.document, baseVersion: parsed.baseVersion ?? 0, savedAt: parsed.savedAt };
  } catch {
    return null;
  }
}

export function clearLocalCopy(postId: string | null, slot: LocalSlot = "draft"): void {
  try {
    localStorage.removeItem(key(postId, slot));
  } catch {
    // Nothing to clear.
  }
}
