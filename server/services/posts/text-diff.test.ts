import { describe, expect, it } from "vitest";
import { diffWords, type DiffPart } from "./text-diff";

function apply(parts: DiffPart[], side: "before" | "after"): string {
  const skip = side === "before" ? "added" : "removed";
  return parts.filter((p) => p.kind !== skip).map((p) => p.text).join("");
}

describe("diffWords", () => {
  it("marks nothing for equal texts", () => {
    expect(diffWords("Same words here.", "Same words here.")).toEqual([{ kind: "same", text: "Same words here." }]);
    expect(diffWords("", "")).toEqual([]);
  });

  it("shows a replaced word as removed then added, keeping the rest", () => {
    expect(diffWords("The quick brown fox", "The slow brown fox")).toEqual([
      { kind: "same", text: "The " },
      { kind: "removed", text: "quick" },
      { kind: "added", text: "slow" },
      { kind: "same", text: " brown fox" },
    ]);
  });

  it("treats punctuation as its own word, so a changed word keeps its full stop", () => {
    expect(diffWords("Morning over the harbour.\n\nBoats.", "Evening over the bay.\n\nBoats, gulls.")).toEqual([
      { kind: "removed", text: "Morning" },
      { kind: "added", text: "Evening" },
      { kind: "same", text: " over the " },
      { kind: "removed", text: "harbour" },
      { kind: "added", text: "bay" },
      { kind: "same", text: ".\n\nBoats" },
      { kind: "added", text: ", gulls" },
      { kind: "same", text: "." },
    ]);
  });

  it("shows added and removed paragraphs", () => {
    const parts = diffWords("First.\n\nSecond.", "First.\n\nInserted.\n\nSecond.");
    expect(parts.filter((p) => p.kind !== "same").map((p) => p.text.trim())).toEqual(["Inserted."]);
    expect(parts.some((p) => p.kind === "removed")).toBe(false);
  });

  it("always rebuilds both texts from its parts", () => {
    const pairs: [string, string][] = [
      ["a b c d e f", "a x c y e z"],
      ["", "all new"],
      ["all gone", ""],
      ["one two three", "three two one"],
      ["Morning over the harbour.\n\nBoats.", "Evening over the bay.\n\nBoats, gulls."],
    ];
    for (const [before, after] of pairs) {
      const parts = diffWords(before, after);
      expect(apply(parts, "before")).toBe(before);
      expect(apply(parts, "after")).toBe(after);
    }
  });

  it("stays correct, if coarser, for a complete rewrite of a long text", () => {
    const before = Array.from({ length: 6000 }, (_, i) => `old${i}`).join(" ");
    const after = Array.from({ length: 6000 }, (_, i) => `new${i}`).join(" ");
    const parts = diffWords(before, after);
    expect(apply(parts, "before")).toBe(before);
    expect(apply(parts, "after")).toBe(after);
  });

  it("keeps the unchanged opening and ending when a rewrite is too large to diff word by word", () => {
    const middle = (prefix: string) => Array.from({ length: 700 }, (_, i) => `${prefix}${i}`).join(" ");
    const parts = diffWords(`Dear readers,\n\n${middle("old")}\n\nSee you soon.`, `Dear readers,\n\n${middle("new")}\n\nSee you soon.`);
    expect(parts.map((p) => p.kind)).toEqual(["same", "removed", "added", "same"]);
    expect(parts[0]!.text).toBe("Dear readers,\n\n");
    expect(parts[3]!.text).toBe("\n\nSee you soon.");
  });
});
