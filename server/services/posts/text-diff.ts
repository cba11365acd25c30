// A word-level diff of two plain texts, for showing what a revision changed. Myers' O(ND)
// algorithm over words and whitespace runs; no I/O, so the history panel can trust it on any text.

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/**
 * Beyond this many edits the diff stops looking for the shortest script and reports the
 * differing middle as one removal and one addition: still correct, just coarser, and it keeps a
 * rewrite of a long post from costing seconds.
 */
const MAX_EDITS = 1000;

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** The parts that turn `before` into `after`, adjacent parts of one kind merged. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start));
  for (const part of middle(a.slice(start, endA), b.slice(start, endB))) push(parts, part.kind, [part.text]);
  push(parts, "same", a.slice(endA));
  return parts;
}

function push(parts: DiffPart[], kind: DiffPart["kind"], words: string[]): void {
  if (words.length === 0) return;
  const text = words.join("");
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

function middle(a: string[], b: string[]): DiffPart[] {
  if (a.length === 0 && b.length === 0) return [];
  const trace = shortestEditTrace(a, b);
  if (!trace) {
    return [
      ...(a.length ? [{ kind: "removed" as const, text: a.join("") }] : []),
      ...(b.length ? [{ kind: "added" as const, text: b.join("") }] : []),
    ];
  }
  return backtrack(trace, a, b);
}

/** Myers' forward pass: the furthest x reached on each diagonal k, saved per edit count d. */
function shortestEditTrace(a: string[], b: string[]): Int32Array[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return trace;
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], a: string[], b: string[]): DiffPart[] {
  const offset = (trace[0]!.length - 3) / 2 + 1;
  const reversed: DiffPart[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      reversed.push({ kind: "same", text: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) reversed.push({ kind: "added", text: b[prevY]! });
      else reversed.push({ kind: "removed", text: a[prevX]! });
    }
    x = prevX;
    y = prevY;
  }
  const parts: DiffPart[] = [];
  for (const part of reversed.reverse()) push(parts, part.kind, [part.text]);
  return parts;
}
