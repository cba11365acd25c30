import { describe, expect, it } from "vitest";
import { z } from "zod";
import { creatorByHandleInput, creatorProfileInput } from "./creator";
import { joinFreeInput } from "./membership";
import { savePostInput } from "./post";
import { isStorableText, text, UNSTORABLE_TEXT_MESSAGE } from "./text";

describe("isStorableText", () => {
  it.each([
    ["plain words", "Sourdough, week 3"],
    ["tabs and line breaks", "one\ttwo\nthree\r\nfour"],
    ["accents, scripts and right-to-left text", "Łódź 東京 مرحبا"],
    ["emoji made of surrogate pairs and joiners", "👩🏽‍🍳 🏳️‍🌈 𝄞"],
    ["format characters people paste", "zero\u200bwidth\ufeff"],
    ["the empty string", ""],
  ])("keeps %s", (_, value) => {
    expect(isStorableText(value)).toBe(true);
  });

  it.each([
    ["NUL", "ma\u0000ra"],
    ["a bell", "\u0007"],
    ["an escape sequence", "\u001b[2J"],
    ["DEL", "x\u007f"],
    ["a C1 control", "\u0085"],
    ["a lone high surrogate", "\ud83d"],
    ["a lone low surrogate at the start", "\ude00abc"],
    ["a pair in the wrong order", "\ude00\ud83d"],
  ])("refuses %s", (_, value) => {
    expect(isStorableText(value)).toBe(false);
  });
});

describe("text()", () => {
  it("reports the character problem alone, before lengths and patterns", () => {
    const schema = text().trim().min(3, "Too short.").regex(/^[a-z]+$/, "Letters only.");
    const result = schema.safeParse("\u0000");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([UNSTORABLE_TEXT_MESSAGE]);
    expect(schema.parse("  abc ")).toBe("abc");
  });

  it("guards every kind of string input: lookups, ids, form fields and nested ones", () => {
    const refused = (schema: z.ZodType, value: unknown) => {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      return z.flattenError(result.error!).fieldErrors;
    };
    expect(refused(creatorByHandleInput, { handle: "ma\u0000ra" })).toEqual({ handle: [UNSTORABLE_TEXT_MESSAGE] });
    expect(refused(joinFreeInput, { tierId: "t1", attributedPostId: "p\ud800" })).toEqual({ attributedPostId: [UNSTORABLE_TEXT_MESSAGE] });
    expect(refused(savePostInput, { id: "p1", baseVersion: 1, title: "Tab\tis fine, bell\u0007 is not", document: {} })).toEqual({
      title: [UNSTORABLE_TEXT_MESSAGE],
    });
    expect(refused(creatorProfileInput, { handle: "maria", displayName: "Maria", about: "line\nbreaks\u0000" })).toEqual({
      about: [UNSTORABLE_TEXT_MESSAGE],
    });
  });
});
