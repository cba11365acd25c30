import { flattenExtensions } from "@tiptap/core";
import { MarkdownManager } from "@tiptap/markdown";
import { describe, expect, it } from "vitest";
import { documentExtensions } from "@/lib/document/extensions";
import { looksLikeMarkdown, markdownToBlocks } from "./markdown-paste";

const manager = new MarkdownManager({ extensions: flattenExtensions(documentExtensions) });
const parse = (markdown: string) => manager.parse(markdown);

describe("markdown paste", () => {
  it("recognises markdown and leaves prose alone", () => {
    expect(looksLikeMarkdown("# Title\n\ntext")).toBe(true);
    expect(looksLikeMarkdown("- a\n- b")).toBe(true);
    expect(looksLikeMarkdown("some **bold** words")).toBe(true);
    expect(looksLikeMarkdown("see [docs](https://example.com)")).toBe(true);
    expect(looksLikeMarkdown("Just a sentence, with commas - and a dash.")).toBe(false);
  });

  it("turns markdown into blocks our schema accepts", () => {
    const blocks = markdownToBlocks(parse, "# Big\n\n###### Tiny\n\nA **b** *i* `c` ~~s~~ [l](https://example.com)\n\n- [x] done\n\n> q\n\n```js\nx\n```");
    expect(blocks?.map((block) => block.type)).toEqual(["heading", "heading", "paragraph", "taskList", "blockquote", "codeBlock"]);
    expect(blocks?.[0]?.attrs?.level).toBe(2);
    expect(blocks?.[1]?.attrs?.level).toBe(4);
    const marks = blocks?.[2]?.content?.flatMap((node) => node.marks?.map((mark) => mark.type) ?? []);
    expect(marks).toEqual(["bold", "italic", "code", "strike", "link"]);
  });

  it.each(["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,hi)", "[x](vbscript:msgbox)"])(
    "drops the link but keeps the text of %s",
    (markdown) => {
      const blocks = markdownToBlocks(parse, markdown);
      expect(blocks).toEqual([{ type: "paragraph", content: [{ type: "text", text: "x" }] }]);
    },
  );
});
