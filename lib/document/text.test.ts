import { describe, expect, it } from "vitest";

import { blocksOnOneLine, countWords, documentPlainText, excerpt, readingMinutes } from "./text";
import { emptyDocument, type DocumentNode, type PostDocument } from "./validate";

const text = (value: string, marks?: DocumentNode["marks"]): DocumentNode => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: DocumentNode[]): DocumentNode => ({ type: "paragraph", content });
const item = (...content: DocumentNode[]): DocumentNode => ({ type: "listItem", content });
const doc = (...content: DocumentNode[]): PostDocument => ({ type: "doc", content });

const post = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("A title")] },
  paragraph(text("Hello, "), text("bold", [{ type: "bold" }]), text(" world."), { type: "hardBreak" }, text("Next line.")),
  paragraph(),
  { type: "bulletList", content: [item(paragraph(text("one"))), item(paragraph(text("two")), { type: "orderedList", content: [item(paragraph(text("two.a")))] })] },
  { type: "horizontalRule" },
  { type: "blockquote", content: [paragraph(text("Quoted")), paragraph(text("twice"))] },
  { type: "codeBlock", attrs: { language: "ts" }, content: [text("const a = 1;\nconst b = 2;")] },
);

describe("documentPlainText", () => {
  it("separates blocks by a blank line and list items by a newline", () => {
    expect(documentPlainText(post)).toBe(
      [
        "A title",
        "Hello, bold world.\nNext line.",
        "one\ntwo\ntwo.a",
        "Quoted\n\ntwice",
        "const a = 1;\nconst b = 2;",
      ].join("\n\n"),
    );
  });

  it("is empty for an empty document", () => {
    expect(documentPlainText(emptyDocument())).toBe("");
    expect(documentPlainText({ type: "doc" })).toBe("");
  });
});

describe("countWords and readingMinutes", () => {
  it("counts runs that contain a letter or digit", () => {
    expect(countWords(post)).toBe(18); // "=" in the code block is not a word
    expect(countWords(doc(paragraph(text("Déjà vu — 2 times * réel"))))).toBe(5);
    expect(countWords(emptyDocument())).toBe(0);
  });

  it("takes at least a minute for anything, at about 230 words a minute", () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(460)).toBe(2);
    expect(readingMinutes(2300)).toBe(10);
  });
});

describe("excerpt", () => {
  it("returns short text whole, on one line", () => {
    expect(excerpt(doc(paragraph(text("Short.")), paragraph(text("Two\nlines"))))).toBe("Short. Two lines");
  });

  it("keeps where a block without punctuation ends, so a heading does not run into its paragraph", () => {
    const heading = { type: "heading", attrs: { level: 2 }, content: [text("Page one")] } as DocumentNode;
    expect(excerpt(doc(heading, paragraph(text("A map of the coast."))))).toBe("Page one \u2014 A map of the coast.");
    expect(blocksOnOneLine(["First thoughts:", "a list", "", "  spaced\n out  "])).toBe("First thoughts: a list \u2014 spaced out");
  });

  it("cuts on a word boundary and adds an ellipsis", () => {
    const long = doc(paragraph(text("The quick brown fox jumps over the lazy dog")));
    expect(excerpt(long, 20)).toBe("The quick brown fox…");
    expect(excerpt(long, 19)).toBe("The quick brown…");
    expect(excerpt(long, 16)).toBe("The quick brown…");
    expect(excerpt(long, 15)).toBe("The quick…");
    for (let max = 1; max < 44; max += 1) expect(excerpt(long, max).length).toBeLessThanOrEqual(max);
  });

  it("does not leave punctuation before the ellipsis", () => {
    expect(excerpt(doc(paragraph(text("First, second, third"))), 15)).toBe("First, second…");
  });

  it("cuts a single very long word rather than returning nothing", () => {
    expect(excerpt(doc(paragraph(text("a".repeat(50)))), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("never splits a character made of two UTF-16 units", () => {
    expect(excerpt(doc(paragraph(text("😀".repeat(10)))), 6)).toBe("😀😀…");
  });

  it("defaults to 200 characters", () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    const result = excerpt(doc(paragraph(text(words))));
    expect(result.length).toBeLessThanOrEqual(200);
    expect(result.endsWith("…")).toBe(true);
    expect(words.startsWith(result.slice(0, -1))).toBe(true);
    expect(words.charAt(result.length - 1)).toBe(" ");
  });
});

describe("text of the newer blocks", () => {
  const ID = "0192f0a0-1234-7abc-8def-0123456789ab";
  const rich = doc(
    paragraph(text("Intro.")),
    { type: "taskList", content: [{ type: "taskItem", attrs: { checked: true }, content: [paragraph(text("buy clay"))] }] },
    { type: "spoiler", content: [paragraph(text("The butler did it."))] },
    { type: "image", attrs: { mediaId: ID, alt: "alt is not text", caption: "A kiln." } },
    { type: "audio", attrs: { mediaId: ID, title: "Episode one" } },
    { type: "attachment", attrs: { mediaId: ID, name: "file.pdf", size: 1, mime: "application/pdf" } },
    { type: "paywallBreak" },
    paragraph(text("Members.")),
  );

  it("includes checklists, spoilers, captions and audio titles, not alt text or file names", () => {
    expect(documentPlainText(rich)).toBe(["Intro.", "buy clay", "The butler did it.", "A kiln.", "Episode one", "Members."].join("\n\n"));
    expect(countWords(rich)).toBe(12);
  });

  it("never gives a spoiler away in an excerpt", () => {
    expect(excerpt(rich)).toBe("Intro. buy clay \u2014 A kiln. Episode one \u2014 Members.");
  });
});
