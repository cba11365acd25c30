import { describe, expect, it } from "vitest";
import { parseInline, parseRichText } from "./rich-text";

describe("parseRichText", () => {
  it("reads paragraphs, line breaks and lists", () => {
    expect(parseRichText("Monthly zine.\nSigned.\n\n- a print\n- early posts\n\nThanks!")).toEqual([
      { type: "paragraph", lines: [[{ type: "text", text: "Monthly zine." }], [{ type: "text", text: "Signed." }]] },
      { type: "list", items: [[{ type: "text", text: "a print" }], [{ type: "text", text: "early posts" }]] },
      { type: "paragraph", lines: [[{ type: "text", text: "Thanks!" }]] },
    ]);
  });

  it("reads bold, italic and links, nested", () => {
    expect(parseInline("A **big *thank* you** and [my shop](https://shop.example/x).")).toEqual([
      { type: "text", text: "A " },
      { type: "bold", children: [{ type: "text", text: "big " }, { type: "italic", children: [{ type: "text", text: "thank" }] }, { type: "text", text: " you" }] },
      { type: "text", text: " and " },
      { type: "link", href: "https://shop.example/x", children: [{ type: "text", text: "my shop" }] },
      { type: "text", text: "." },
    ]);
  });

  it("keeps a link to a refused address as plain words, and markup as text", () => {
    for (const href of ["javascript:alert`1`", "JaVaScRiPt:alert`1`", "data:text/html,<b>x</b>", "//evil.example", "vbscript:x"]) {
      expect(parseInline(`[click](${href})`)).toEqual([{ type: "text", text: "click" }]);
    }
    // Whitespace inside the address: not a link at all, the words stay as typed.
    expect(parseInline("[click](java\tscript:x)").some((node) => node.type === "link")).toBe(false);
    expect(parseInline("<img src=x onerror=alert(1)>")).toEqual([{ type: "text", text: "<img src=x onerror=alert(1)>" }]);
  });

  it("leaves lone or spaced asterisks alone", () => {
    expect(parseInline("5 * 3 = 15 and 2*")).toEqual([{ type: "text", text: "5 * 3 = 15 and 2*" }]);
  });
});
