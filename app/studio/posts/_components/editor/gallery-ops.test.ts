import { describe, expect, it } from "vitest";
import { moveImage } from "./gallery-ops";

describe("moving a gallery image", () => {
  it("moves an image earlier, later, and to either end", () => {
    expect(moveImage(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveImage(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveImage(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveImage(["a", "b", "c"], 1, 1)).toEqual(["a", "b", "c"]);
  });

  it("keeps every image when asked for a place past the end", () => {
    expect(moveImage(["a", "b", "c"], 0, 9)).toEqual(["b", "c", "a"]);
    expect(moveImage(["a", "b", "c"], 5, 0)).toEqual(["a", "b", "c"]);
  });
});
