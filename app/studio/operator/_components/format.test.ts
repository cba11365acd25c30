import { describe, expect, it } from "vitest";
import { formatSpan } from "./format";

describe("formatSpan", () => {
  it("says a span in its two largest units", () => {
    expect(formatSpan(0)).toBe("0 s");
    expect(formatSpan(44.6)).toBe("45 s");
    expect(formatSpan(60)).toBe("1 min");
    expect(formatSpan(59 * 60 + 59)).toBe("59 min");
    expect(formatSpan(3 * 3600)).toBe("3 h");
    expect(formatSpan(3 * 3600 + 5 * 60 + 9)).toBe("3 h 5 min");
    expect(formatSpan(4 * 86400 + 2 * 3600 + 7)).toBe("4 d 2 h");
    expect(formatSpan(2 * 86400)).toBe("2 d");
    expect(formatSpan(-5)).toBe("0 s");
  });
});
