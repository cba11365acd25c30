import { describe, expect, it } from "vitest";

import { hasPaywallBreak, postKind, teaserDocument } from "./teaser";
import { validateDocument, type DocumentNode, type PostDocument } from "./validate";

const ID = "0192f0a0-1234-7abc-8def-0123456789ab";
const p = (value: string): DocumentNode => ({ type: "paragraph", content: [{ type: "text", text: value }] });
const doc = (...content: DocumentNode[]): PostDocument => ({ type: "doc", content });
const paywall: DocumentNode = { type: "paywallBreak" };

describe("hasPaywallBreak", () => {
  it("finds the break wherever it sits among the blocks, and nothing else counts", () => {
    expect(hasPaywallBreak(doc(p("free"), paywall, p("members")))).toBe(true);
    expect(hasPaywallBreak(doc(paywall))).toBe(true);
    expect(hasPaywallBreak(doc(p("all free"), { type: "horizontalRule" }))).toBe(false);
    expect(hasPaywallBreak({ type: "doc" })).toBe(false);
  });
});

describe("teaserDocument", () => {
  it("is null without a paywall break", () => {
    expect(teaserDocument(doc(p("all free")))).toBeNull();
    expect(teaserDocument({ type: "doc" })).toBeNull();
  });

  it("keeps exactly the blocks above the break, as a valid document", () => {
    const full = doc(p("free one"), { type: "image", attrs: { mediaId: ID } }, paywall, p("members"), p("more"));
    const teaser = teaserDocument(full);
    expect(teaser).toEqual(doc(p("free one"), { type: "image", attrs: { mediaId: ID } }));
    expect(validateDocument(teaser).ok).toBe(true);
    expect(JSON.stringify(teaser)).not.toContain("members");
  });

  it("is an empty but valid document when the break comes first", () => {
    const teaser = teaserDocument(doc(paywall, p("members")));
    expect(teaser).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(validateDocument(teaser).ok).toBe(true);
  });

  it("does not share nodes with the full document", () => {
    const full = doc(p("free"), paywall, p("members"));
    const teaser = teaserDocument(full);
    teaser!.content![0]!.content![0]!.text = "changed";
    expect(full.content![0]!.content![0]!.text).toBe("free");
  });
});

describe("postKind", () => {
  const media = (type: string, attrs: DocumentNode["attrs"] = { mediaId: ID }): DocumentNode => ({ type, attrs });

  it.each([
    ["text", doc(p("words only"))],
    ["image", doc(p("x"), media("image"))],
    ["gallery", doc(media("image"), { type: "gallery", content: [media("galleryImage")] })],
    ["video", doc(media("image"), media("video"))],
    ["video", doc(media("embed", { provider: "youtube", id: "dQw4w9WgXcQ" }))],
    ["audio", doc(media("image"), media("video"), media("audio"))],
    ["attachment", doc(p("notes"), media("attachment"))],
    ["image", doc({ type: "spoiler", content: [media("image")] })],
  ])("is %s", (kind, document) => {
    expect(postKind(document)).toBe(kind);
  });
});
