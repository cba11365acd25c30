// A word-level diff of two plain texts, for showing what a revision changed: jsdiff's Myers diff
// over words, punctuation and whitespace runs, bounded so the history panel can trust it on any text.
import "server-only";
import { diffWordsWithSpace } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/**
 * Beyond this many edits the diff stops looking for the shortest script and reports the
 * differing middle as one removal and one addition: still correct, just coarser, and it keeps a
 * rewrite of a long post from costing seconds. An edit count rather than a time limit, so the
 * same two texts always show the same diff.
 */
const MAX_EDITS = 1000;

/** The parts that turn `before` into `after`, adjacent parts of one kind merged. */
export function diffWords(before: string, after: string): DiffPart[] {
  // NOTE: jsdiff answers undefined, not a coarser diff, when it reaches maxEditLength.
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDITS });
  if (!changes) return coarseDiff(before, after);
  const parts: DiffPart[] = [];
  for (const change of changes) push(parts, change.added ? "added" : change.removed ? "removed" : "same", change.value);
  return parts;
}

/** The common opening and ending words kept, everything between them replaced whole. */
function coarseDiff(before: string, after: string): DiffPart[] {
  const a = before.match(/\s+|\S+/g) ?? [];
  const b = after.match(/\s+|\S+/g) ?? [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  push(parts, "removed", a.slice(start, endA).join(""));
  push(parts, "added", b.slice(start, endB).join(""));
  push(parts, "same", a.slice(endA).join(""));
  return parts;
}

function push(parts: DiffPart[], kind: DiffPart["kind"], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}
