import { describe, expect, it } from "vitest";
import { collectMediaIds } from "./references";

describe("collectMediaIds", () => {
  it("finds media ids in any node, however deep, including posters and gallery items", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "mediaId is just a word here" }] },
        { type: "image", attrs: { mediaId: "img-1", alt: "A lake" } },
        { type: "gallery", attrs: { images: [{ mediaId: "img-2" }, { mediaId: "img-3" }] } },
        { type: "blockquote", content: [{ type: "video", attrs: { mediaId: "vid-1", posterMediaId: "img-4" } }] },
        { type: "audio", attrs: { mediaId: null } },
      ],
    };
    expect([...collectMediaIds(doc)].sort()).toEqual(["img-1", "img-2", "img-3", "img-4", "vid-1"]);
  });

  it("finds nothing in a document without media", () => {
    expect(collectMediaIds({ type: "doc", content: [{ type: "paragraph" }] }).size).toBe(0);
    expect(collectMediaIds(null).size).toBe(0);
  });
});
