import { resolveExtensions } from "@tiptap/core";
import { describe, expect, it } from "vitest";

import { documentExtensions, documentSchema } from "./extensions";

describe("documentSchema", () => {
  it("builds without a DOM and is memoised", () => {
    expect(typeof globalThis.document).toBe("undefined");
    expect(documentSchema()).toBe(documentSchema());
  });

  // The renderer's sanitize allow-list mirrors this list: a Tiptap upgrade that adds a node or
  // mark must fail here, not slip through to the HTML.
  it("has exactly the supported nodes and marks", () => {
    const schema = documentSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "blockquote", "bulletList", "codeBlock", "doc", "hardBreak", "heading",
        "horizontalRule", "listItem", "orderedList", "paragraph", "text",
        "taskList", "taskItem", "spoiler", "paywallBreak",
        "image", "gallery", "galleryImage", "audio", "video", "attachment", "embed",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "code", "italic", "link", "strike", "underline"]);
    expect(Object.keys(schema.marks.link?.spec.attrs ?? {}).sort()).toEqual(["class", "href", "rel", "target", "title"]);
  });
});

describe("the editor's link rules", () => {
  const link = resolveExtensions(documentExtensions).find((extension) => extension.name === "link");
  const options = link?.options as {
    isAllowedUri: (url: string, ctx: unknown) => boolean;
    shouldAutoLink: (url: string) => boolean;
    openOnClick: boolean;
    HTMLAttributes: Record<string, unknown>;
  };

  it("is configured for user content", () => {
    expect(options.openOnClick).toBe(false);
    expect(options.HTMLAttributes).toMatchObject({ rel: "noopener noreferrer nofollow", target: null });
  });

  it.each(["https://example.com", "mailto:a@example.com", "/path", "example.com", "example.com/a?b", "a@example.com"])(
    "allows %j (typed text is judged by the href it becomes)",
    (url) => {
      expect(options.isAllowedUri(url, {})).toBe(true);
    },
  );

  it.each(["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:x", "data:text/html,x", "ftp://example.com", "//evil.example", "\\\\evil.example", "tel:123"])(
    "refuses %j",
    (url) => {
      expect(options.isAllowedUri(url, {})).toBe(false);
      expect(options.shouldAutoLink(url)).toBe(false);
    },
  );

  it("keeps Tiptap's autolink heuristics", () => {
    expect(options.shouldAutoLink("https://example.com")).toBe(true);
    expect(options.shouldAutoLink("example.com")).toBe(true);
    expect(options.shouldAutoLink("192.168.0.1")).toBe(false);
    expect(options.shouldAutoLink("localhost")).toBe(false);
  });
});
