import { describe, expect, it } from "vitest";

import { emptyDocument, isSafeUrl, validateDocument, type DocumentProblemCode } from "./validate";

const text = (value: unknown, marks?: unknown[]) => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const doc = (...content: unknown[]) => ({ type: "doc", content });
const linked = (href: unknown) => doc(paragraph(text("click", [{ type: "link", attrs: { href } }])));

function expectRefused(input: unknown, code: DocumentProblemCode) {
  const result = validateDocument(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  expect(result.message.length).toBeGreaterThan(10);
  return result.message;
}

const richDocument = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("Title")] },
  paragraph(
    text("bold ", [{ type: "bold" }]),
    text("italic ", [{ type: "italic" }]),
    text("under ", [{ type: "underline" }]),
    text("strike ", [{ type: "strike" }]),
    text("code", [{ type: "code" }]),
    { type: "hardBreak" },
    text("link", [
      {
        type: "link",
        attrs: { href: "https://example.com", target: null, rel: "noopener noreferrer nofollow", class: null, title: null },
      },
    ]),
  ),
  {
    type: "bulletList",
    content: [{ type: "listItem", content: [paragraph(text("item"))] }],
  },
  {
    type: "orderedList",
    attrs: { start: 4, type: null },
    content: [{ type: "listItem", content: [paragraph(text("item"))] }],
  },
  { type: "blockquote", content: [paragraph(text("quote"))] },
  { type: "codeBlock", attrs: { language: "ts" }, content: [text("let a = 1;")] },
  { type: "horizontalRule" },
  paragraph(text("mail", [{ type: "link", attrs: { href: "mailto:a@example.com" } }])),
  paragraph(text("same site", [{ type: "link", attrs: { href: "/creator/posts/x" } }])),
);

describe("validateDocument accepts", () => {
  it("a rich document, returned as a canonical copy that validates again", () => {
    const result = validateDocument(richDocument);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc).not.toBe(richDocument);
    expect(result.doc.type).toBe("doc");
    expect(result.doc.content).toHaveLength(richDocument.content.length);
    expect(validateDocument(result.doc)).toEqual(result);
  });

  it("the empty document", () => {
    expect(validateDocument(emptyDocument())).toEqual({ ok: true, doc: emptyDocument() });
  });

  it("tabs and line breaks in code, and emoji and other astral characters whole", () => {
    const code = { type: "codeBlock", attrs: { language: "py" }, content: [text("if x:\n\treturn 1\r\n")] };
    const result = validateDocument(doc(code, paragraph(text("Fin 👋🏽 𝄞 \u200d\ufeff"))));
    expect(result.ok).toBe(true);
  });

  it("a document as JSON text would deliver it", () => {
    expect(validateDocument(JSON.parse(JSON.stringify(richDocument))).ok).toBe(true);
  });
});

describe("validateDocument refuses", () => {
  it.each(["iframe", "script", "html", "img", "figure", "__proto__", "constructor", "toString"])(
    "unknown node type %j",
    (type) => {
      expectRefused(doc({ type, content: [] }), "unknown_node");
      expectRefused(doc(paragraph({ type, attrs: {} })), "unknown_node");
    },
  );

  it.each(["highlight", "textStyle", "constructor"])("unknown mark %j", (type) => {
    expectRefused(doc(paragraph(text("x", [{ type }]))), "unknown_mark");
  });

  it("attributes the schema does not declare", () => {
    expectRefused(doc({ type: "paragraph", attrs: { style: "color:red" } }), "bad_attribute");
    expectRefused(doc(paragraph(text("x", [{ type: "link", attrs: { href: "https://a.example", onclick: "x" } }]))), "bad_attribute");
    expectRefused(doc(paragraph(text("x", [{ type: "bold", attrs: { class: "x" } }]))), "bad_attribute");
    expectRefused(doc({ type: "paragraph", attrs: { constructor: null } }), "bad_attribute");
    expectRefused(JSON.parse('{"type":"doc","content":[{"type":"paragraph","attrs":{"__proto__":{"x":1}}}]}'), "bad_attribute");
  });

  it("object- and array-valued attributes", () => {
    expectRefused(doc(paragraph(text("x", [{ type: "link", attrs: { href: { toString: "https://a.example" } } }]))), "bad_attribute");
    expectRefused(doc(paragraph(text("x", [{ type: "link", attrs: { href: "https://a.example", title: ["a"] } }]))), "bad_attribute");
    expectRefused(doc({ type: "heading", attrs: { level: { valueOf: 2 } }, content: [text("x")] }), "bad_attribute");
    expectRefused(doc({ type: "paragraph", attrs: [] }), "bad_attribute");
  });

  it("attribute values the schema does not support", () => {
    expectRefused(doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] }), "bad_attribute");
    expectRefused(doc({ type: "heading", content: [text("x")] }), "bad_attribute");
    expectRefused(doc({ type: "codeBlock", attrs: { language: 'x" onmouseover="alert(1)' } }), "bad_attribute");
    expectRefused(doc({ type: "orderedList", attrs: { type: "disc" }, content: [] }), "bad_attribute");
    expectRefused(doc({ type: "orderedList", attrs: { start: 1.5 }, content: [] }), "bad_attribute");
    expectRefused(doc(paragraph(text("x", [{ type: "link", attrs: {} }]))), "bad_attribute");
    expectRefused(doc(paragraph(text("x", [{ type: "link" }]))), "bad_attribute");
  });

  const scriptHrefs = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    " javascript:alert(1)",
    "\u0000javascript:alert(1)",
    "\u0001\u001fjavascript:alert(1)",
    "\u00a0javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "\ufeffjavascript:alert(1)",
    "javascript\u0000:alert(1)",
  ];
  it.each(scriptHrefs)("link href %j", (href) => {
    const message = expectRefused(linked(href), "unsafe_url");
    expect(message).toBe("A link points to a javascript: address, which is not allowed.");
  });

  it.each([
    ["data:text/html,<script>alert(1)</script>", "data:"],
    ["DATA:text/html;base64,PHNjcmlwdD4=", "data:"],
    ["vbscript:msgbox(1)", "vbscript:"],
    ["file:///etc/passwd", "file:"],
    ["ftp://example.com", "ftp:"],
  ])("link href %j", (href, scheme) => {
    expect(expectRefused(linked(href), "unsafe_url")).toContain(`a ${scheme} address`);
  });

  it.each(["//evil.example", "/\\evil.example", "/\t/evil.example", "\\\\evil.example", "evil.example", "#top", "", "https://"])(
    "link href %j that is not an absolute http(s)/mailto URL or a single-slash path",
    (href) => {
      expectRefused(linked(href), "unsafe_url");
    },
  );

  it("a document over 2 MB", () => {
    const chunk = "word ".repeat(2_000);
    const big = doc(...Array.from({ length: 220 }, () => paragraph(text(chunk))));
    expect(JSON.stringify(big).length).toBeGreaterThan(2_000_000);
    expectRefused(big, "too_large");
  });

  it("one over 2 MB by bytes but not by characters", () => {
    const big = doc(paragraph(text("é".repeat(1_100_000))));
    expect(JSON.stringify(big).length).toBeLessThan(2_000_000);
    expectRefused(big, "too_large");
  });

  it("a huge or sparse array without reading it", () => {
    expectRefused({ type: "doc", content: new Array(50_000_000) }, "too_large");
  });

  it("more nodes than the limit", () => {
    // At today's limits the byte limit is reached first (no node is under 20 bytes of JSON).
    const many = doc(paragraph(...Array.from({ length: 100_001 }, () => ({ type: "hardBreak" }))));
    expectRefused(many, "too_large");
  });

  // A hang would show as the test's own timeout; a recursive walk would overflow the stack.
  it("100,000-deep nesting, without overflowing the stack", () => {
    let deep: Record<string, unknown> = paragraph(text("bottom"));
    for (let i = 0; i < 100_000; i += 1) deep = { type: "blockquote", content: [deep] };
    expectRefused(doc(deep), "too_deep");
    expectRefused({ type: "doc", attrs: deep }, "too_deep");
  });

  it("nesting just past the node depth limit", () => {
    let deep: Record<string, unknown> = paragraph(text("bottom"));
    // doc, 37 quotes, paragraph and text: 40 levels.
    for (let i = 0; i < 37; i += 1) deep = { type: "blockquote", content: [deep] };
    expect(validateDocument(doc(deep)).ok).toBe(true);
    expectRefused(doc({ type: "blockquote", content: [deep] }), "too_deep");
  });

  it("a cyclic object", () => {
    const cyclic: Record<string, unknown> = { type: "doc" };
    cyclic.content = [cyclic];
    expectRefused(cyclic, "too_deep");
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", '{"type":"doc"}'],
    ["a number", 42],
    ["an array", [{ type: "doc" }]],
    ["a node that is not a doc", paragraph(text("x"))],
    ["a doc without a string type", { type: ["doc"], content: [] }],
    ["a class instance", new (class Doc { type = "doc"; })()],
    ["a doc whose toJSON turns it into a paragraph", { type: "doc", toJSON: () => paragraph(text("x")) }],
  ])("%s", (_name, input) => {
    expectRefused(input, "not_a_document");
  });

  it("extra top-level keys", () => {
    expectRefused({ ...emptyDocument(), html: "<script>alert(1)</script>" }, "invalid_structure");
    expectRefused({ ...emptyDocument(), __proto__: null, isAdmin: true }, "invalid_structure");
  });

  it("extra keys on nodes and marks", () => {
    expectRefused(doc({ type: "paragraph", innerHTML: "<b>x</b>" }), "invalid_structure");
    expectRefused(doc(paragraph(text("x", [{ type: "bold", html: "<b>" }]))), "invalid_structure");
  });

  it.each([
    ["a number", 42],
    ["null", null],
    ["an object", { toString: "x" }],
    ["an array", ["x"]],
    ["an empty string", ""],
    ["missing", undefined],
  ])("a text node whose text is %s", (_name, value) => {
    expectRefused(doc(paragraph(text(value))), "invalid_structure");
  });

  it("broken structure that only the schema's content rules catch", () => {
    expectRefused({ type: "doc", content: [] }, "invalid_structure");
    expectRefused({ type: "doc" }, "invalid_structure");
    expectRefused(doc(text("bare text at the top")), "invalid_structure");
    expectRefused(doc({ type: "listItem", content: [paragraph()] }), "invalid_structure");
    expectRefused(doc({ type: "bulletList", content: [paragraph(text("x"))] }), "invalid_structure");
    expectRefused(doc(paragraph(text("x", [{ type: "bold" }, { type: "bold" }]))), "invalid_structure");
    expectRefused(doc({ type: "codeBlock", content: [text("x", [{ type: "bold" }])] }), "invalid_structure");
    expectRefused(doc(paragraph({ type: "doc", content: [] })), "invalid_structure");
    expectRefused(doc("paragraph"), "invalid_structure");
    expectRefused(doc({ type: "paragraph", content: "text" }), "invalid_structure");
    expectRefused(doc({ type: "paragraph", text: "stray" }), "invalid_structure");
  });

  it.each([
    ["a NUL byte", "ma\u0000ra"],
    ["a lone high surrogate", "broken \ud83d emoji"],
    ["a lone low surrogate", "\ude00 at the start"],
    ["a reversed pair", "\ude00\ud83d"],
    ["an escape character", "colour\u001b[31m"],
    ["a C1 control", "next\u0085line"],
  ])("text with %s, wherever it sits", (_, bad) => {
    const message = expectRefused(doc(paragraph(text(bad))), "bad_character");
    expect(message).not.toContain(bad);
    expectRefused(linked(`https://example.com/${bad}`), "bad_character");
    expectRefused(doc(paragraph(text("x", [{ type: "link", attrs: { href: "https://example.com", title: bad } }]))), "bad_character");
    expectRefused(JSON.parse(JSON.stringify(doc(paragraph(text(bad))))), "bad_character");
    // Where a stricter rule applies, its more precise reason wins.
    expectRefused(doc({ type: "codeBlock", attrs: { language: bad }, content: [text("x")] }), "bad_attribute");
  });

  it("never throws, whatever it is handed", () => {
    const hostile: unknown[] = [
      Object.create(null),
      { type: "doc", content: [1n] },
      { type: "doc", get content() { throw new Error("boom"); } },
      new Proxy({}, { ownKeys() { throw new Error("boom"); }, get() { throw new Error("boom"); } }),
      Symbol("x"),
      () => "doc",
    ];
    for (const input of hostile) {
      expect(() => validateDocument(input)).not.toThrow();
      expect(validateDocument(input).ok).toBe(false);
    }
  });
});

describe("isSafeUrl", () => {
  it.each([
    "https://example.com",
    "HTTPS://EXAMPLE.COM/Path",
    "http://example.com:8080/a?b=c#d",
    "mailto:someone@example.com",
    "/relative/path",
    "/",
  ])("allows %j", (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it.each(["javascript:alert(1)", "//evil.example", "relative", "tel:123", ""])("refuses %j", (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  it("takes a policy for other uses, such as media", () => {
    const media = { protocols: ["https:"], allowRelative: false, hosts: ["cdn.example.com"] };
    expect(isSafeUrl("https://cdn.example.com/a.png", media)).toBe(true);
    expect(isSafeUrl("https://CDN.example.com/a.png", media)).toBe(true);
    expect(isSafeUrl("https://evil.example/a.png", media)).toBe(false);
    expect(isSafeUrl("https://cdn.example.com.evil.example/a.png", media)).toBe(false);
    expect(isSafeUrl("http://cdn.example.com/a.png", media)).toBe(false);
    expect(isSafeUrl("/a.png", media)).toBe(false);
  });
});
