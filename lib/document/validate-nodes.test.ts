// Validation of the nodes beyond StarterKit: task lists, spoilers, the paywall break and media.
// Every attribute that reaches the page is tried with hostile values.
import { describe, expect, it } from "vitest";

import { validateDocument, type DocumentProblemCode } from "./validate";

const ID = "0192f0a0-1234-7abc-8def-0123456789ab";
const OTHER = "0192f0a0-5678-7abc-8def-0123456789ab";
const text = (value: string) => ({ type: "text", text: value });
const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const doc = (...content: unknown[]) => ({ type: "doc", content });
const node = (type: string, attrs: Record<string, unknown>) => ({ type, attrs });

function expectAccepted(input: unknown) {
  const result = validateDocument(input);
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  // The canonical copy validates again.
  expect(validateDocument(result.doc)).toEqual(result);
  return result.doc;
}

function expectRefused(input: unknown, code: DocumentProblemCode): string {
  const result = validateDocument(input);
  expect(result.ok).toBe(false);
  if (result.ok) return "";
  expect(result.code).toBe(code);
  expect(result.message.length).toBeGreaterThan(10);
  expect(result.message).not.toMatch(/undefined|null|\[object/);
  return result.message;
}

const image = (attrs: Record<string, unknown>) => doc(node("image", { mediaId: ID, ...attrs }));

describe("writing blocks", () => {
  it("accepts task lists, nested task items, spoilers and one paywall break", () => {
    const accepted = expectAccepted(
      doc(
        {
          type: "taskList",
          content: [
            { type: "taskItem", attrs: { checked: true }, content: [paragraph(text("done"))] },
            {
              type: "taskItem",
              content: [paragraph(text("parent")), { type: "taskList", content: [{ type: "taskItem", content: [paragraph(text("child"))] }] }],
            },
          ],
        },
        { type: "spoiler", content: [paragraph(text("the butler")), node("image", { mediaId: ID })] },
        { type: "paywallBreak" },
        paragraph(text("members only")),
      ),
    );
    expect(accepted.content?.[0]?.content?.[1]?.attrs).toEqual({ checked: false });
  });

  it.each([["yes"], [1], [null]])("refuses a task item whose checked is %j", (checked) => {
    expectRefused(doc({ type: "taskList", content: [{ type: "taskItem", attrs: { checked }, content: [paragraph(text("x"))] }] }), "bad_attribute");
  });

  it("refuses a task item outside a task list and an empty spoiler", () => {
    expectRefused(doc({ type: "taskItem", content: [paragraph(text("x"))] }), "invalid_structure");
    expectRefused(doc({ type: "spoiler", content: [] }), "invalid_structure");
    expectRefused(doc({ type: "spoiler", attrs: { open: true }, content: [paragraph(text("x"))] }), "bad_attribute");
  });

  it("refuses a second paywall break with a clear message", () => {
    const message = expectRefused(doc(paragraph(text("a")), { type: "paywallBreak" }, paragraph(text("b")), { type: "paywallBreak" }), "invalid_structure");
    expect(message).toBe("A post can have only one paywall break. Remove the extra one and try again.");
  });

  it("refuses a paywall break inside a quote, list or spoiler", () => {
    for (const container of [
      { type: "blockquote", content: [paragraph(text("a")), { type: "paywallBreak" }] },
      { type: "spoiler", content: [{ type: "paywallBreak" }] },
      { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("a")), { type: "paywallBreak" }] }] },
    ]) {
      expect(expectRefused(doc(container), "invalid_structure")).toMatch(/top-level/);
    }
  });

  it("refuses attributes or content on a paywall break", () => {
    expectRefused(doc({ type: "paywallBreak", attrs: { tier: "gold" } }), "bad_attribute");
    expectRefused(doc({ type: "paywallBreak", content: [paragraph(text("x"))] }), "invalid_structure");
  });
});

describe("image", () => {
  it("accepts an image and fills in defaults", () => {
    const accepted = expectAccepted(image({}));
    expect(accepted.content?.[0]?.attrs).toEqual({ mediaId: ID, alt: "", caption: "", width: "normal", naturalWidth: null, naturalHeight: null });
    expectAccepted(image({ alt: "A cat", caption: "On the sofa", width: "full", naturalWidth: 4000, naturalHeight: 3000 }));
  });

  it.each([
    ["missing", undefined],
    ["a URL", "https://evil.example/cat.png"],
    ["a path", "../../etc/passwd"],
    ["javascript", "javascript:alert(1)"],
    ["uppercase", ID.toUpperCase()],
    ["36 dashes", "-".repeat(36)],
    ["with a query", `${ID}?w=1`],
    ["a number", 42],
    ["null", null],
  ])("refuses a media id that is %s", (_name, mediaId) => {
    const attrs = mediaId === undefined ? { alt: "" } : { mediaId };
    expect(expectRefused(doc(node("image", attrs)), "bad_attribute")).toMatch(/not a valid upload/);
  });

  it("refuses a src or any other undeclared attribute", () => {
    expectRefused(image({ src: "https://evil.example/x.png" }), "bad_attribute");
    expectRefused(image({ onerror: "alert(1)" }), "bad_attribute");
    expectRefused(image({ srcset: "javascript:alert(1) 1x" }), "bad_attribute");
  });

  it.each([
    { width: "huge" },
    { width: null },
    { alt: 5 },
    { alt: { toString: "x" } },
    { alt: "x".repeat(1_001) },
    { caption: ["x"] },
    { naturalWidth: -1 },
    { naturalWidth: 1.5 },
    { naturalHeight: "100" },
    { naturalHeight: 1e9 },
  ])("refuses %j", (attrs) => {
    expectRefused(image(attrs), "bad_attribute");
  });

  it("is a leaf: no content, no text", () => {
    expectRefused(doc({ type: "image", attrs: { mediaId: ID }, content: [paragraph(text("x"))] }), "invalid_structure");
    expectRefused(doc(paragraph({ type: "image", attrs: { mediaId: ID } })), "invalid_structure");
  });
});

describe("gallery", () => {
  const galleryImage = (attrs: Record<string, unknown>) => ({ type: "galleryImage", attrs: { mediaId: ID, ...attrs } });

  it("accepts one or more images in order", () => {
    const accepted = expectAccepted(doc({ type: "gallery", content: [galleryImage({ alt: "one" }), galleryImage({ mediaId: OTHER, alt: "two" })] }));
    expect(accepted.content?.[0]?.content?.map((image) => image.attrs?.alt)).toEqual(["one", "two"]);
  });

  it("refuses an empty gallery, other blocks inside it, and gallery images outside one", () => {
    expectRefused(doc({ type: "gallery", content: [] }), "invalid_structure");
    expectRefused(doc({ type: "gallery" }), "invalid_structure");
    expectRefused(doc({ type: "gallery", content: [paragraph(text("x"))] }), "invalid_structure");
    expectRefused(doc({ type: "gallery", content: [node("image", { mediaId: ID })] }), "invalid_structure");
    expectRefused(doc(galleryImage({})), "invalid_structure");
  });

  it("refuses bad images inside a gallery", () => {
    expectRefused(doc({ type: "gallery", content: [galleryImage({ mediaId: "x" })] }), "bad_attribute");
    expectRefused(doc({ type: "gallery", content: [galleryImage({ caption: "not here" })] }), "bad_attribute");
    expectRefused(doc({ type: "gallery", attrs: { layout: "grid" }, content: [galleryImage({})] }), "bad_attribute");
  });
});

describe("audio, video, attachment", () => {
  it("accepts each", () => {
    expectAccepted(doc(node("audio", { mediaId: ID, title: "Episode 1", durationSeconds: 1830.5 })));
    expectAccepted(doc(node("video", { mediaId: ID, posterMediaId: OTHER, caption: "Take one" })));
    expectAccepted(doc(node("video", { provider: "youtube", videoId: "dQw4w9WgXcQ" })));
    expectAccepted(doc(node("video", { provider: "vimeo", videoId: "76979871", caption: "" })));
    expectAccepted(doc(node("attachment", { mediaId: ID, name: "score.pdf", size: 0, mime: "application/pdf" })));
  });

  it.each([
    { mediaId: "nope" },
    { mediaId: ID, title: 1 },
    { mediaId: ID, durationSeconds: -1 },
    { mediaId: ID, durationSeconds: "60" },
    { mediaId: ID, src: "https://evil.example/a.mp3" },
  ])("refuses audio %j", (attrs) => {
    expectRefused(doc(node("audio", attrs)), "bad_attribute");
  });

  it.each([
    [{}, /either an uploaded file/],
    [{ mediaId: ID, provider: "youtube", videoId: "dQw4w9WgXcQ" }, /not both/],
    [{ provider: "dailymotion", videoId: "x7tgad0" }, /Only YouTube and Vimeo/],
    [{ provider: "youtube", videoId: "dQw4w9WgXcQ&autoplay=1" }, /valid YouTube video id/],
    [{ provider: "youtube", videoId: '"><script>' }, /valid YouTube video id/],
    [{ provider: "vimeo", videoId: "../../evil" }, /valid Vimeo video id/],
    [{ provider: "youtube" }, /valid YouTube video id/],
    [{ videoId: "dQw4w9WgXcQ" }, /valid YouTube video id/],
    [{ provider: "youtube", videoId: "dQw4w9WgXcQ", posterMediaId: ID }, /Only an uploaded video/],
    [{ mediaId: ID, posterMediaId: "https://evil.example/p.png" }, /poster/],
    [{ mediaId: "javascript:alert(1)" }, /not a valid upload/],
  ])("refuses video %j", (attrs, message) => {
    expect(expectRefused(doc(node("video", attrs)), "bad_attribute")).toMatch(message);
  });

  it.each([
    { mediaId: ID, size: 10, mime: "text/plain" },
    { mediaId: ID, name: "", size: 10, mime: "text/plain" },
    { mediaId: ID, name: "a\u0000b.txt", size: 10, mime: "text/plain" },
    // U+202E reverses what follows: this name would display as "invoiceexe.pdf".
    { mediaId: ID, name: "invoice\u202Efdp.exe", size: 10, mime: "application/octet-stream" },
    { mediaId: ID, name: "x".repeat(256), size: 10, mime: "text/plain" },
    { mediaId: ID, name: "a.txt", mime: "text/plain" },
    { mediaId: ID, name: "a.txt", size: -5, mime: "text/plain" },
    { mediaId: ID, name: "a.txt", size: 1.5, mime: "text/plain" },
    { mediaId: ID, name: "a.txt", size: 10, mime: "text/html; charset=utf-8" },
    { mediaId: ID, name: "a.txt", size: 10, mime: '"><script>' },
    { mediaId: ID, name: "a.txt", size: 10 },
    { mediaId: "x", name: "a.txt", size: 10, mime: "text/plain" },
  ])("refuses attachment %j", (attrs) => {
    expectRefused(doc(node("attachment", attrs)), "bad_attribute");
  });
});

describe("embed", () => {
  it("accepts YouTube and Vimeo ids", () => {
    expectAccepted(doc(node("embed", { provider: "youtube", id: "dQw4w9WgXcQ" })));
    expectAccepted(doc(node("embed", { provider: "vimeo", id: "76979871" })));
  });

  it.each([
    [{ provider: "youtube" }],
    [{ id: "dQw4w9WgXcQ" }],
    [{ provider: "evil", id: "dQw4w9WgXcQ" }],
    [{ provider: "YouTube", id: "dQw4w9WgXcQ" }],
    [{ provider: "__proto__", id: "dQw4w9WgXcQ" }],
    [{ provider: "youtube", id: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" }],
    [{ provider: "youtube", id: "dQw4w9WgXc" }],
    [{ provider: "youtube", id: "dQw4w9WgXcQ/../../x" }],
    [{ provider: "vimeo", id: "abc" }],
    [{ provider: "vimeo", id: "76979871?autoplay=1" }],
    [{ provider: "youtube", id: "dQw4w9WgXcQ", src: "https://evil.example" }],
    [{ provider: "youtube", id: "dQw4w9WgXcQ", url: "https://evil.example" }],
  ])("refuses %j", (attrs) => {
    expectRefused(doc(node("embed", attrs)), "bad_attribute");
  });

  it("refuses a raw iframe however it is spelled", () => {
    expectRefused(doc(node("iframe", { src: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" })), "unknown_node");
    expectRefused(doc(node("Embed", { provider: "youtube", id: "dQw4w9WgXcQ" })), "unknown_node");
  });
});
