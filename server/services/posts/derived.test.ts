import { describe, expect, it } from "vitest";
import type { PostDocument } from "@/lib/document/validate";
import { derived } from "./derived";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const withBreak: PostDocument = { type: "doc", content: [paragraph("Free <part>."), { type: "paywallBreak" }, paragraph("Members only.")] };
const noBreak: PostDocument = { type: "doc", content: [paragraph("Opening words."), paragraph("More.")] };

describe("derived", () => {
  it("renders the part above the paywall break as the automatic teaser", () => {
    const result = derived(withBreak, { teaserMode: "auto", previewText: "Ignored when there is a break." });
    expect(result.teaserHtml).toBe("<p>Free &lt;part&gt;.</p>");
    expect(result.teaserHtml).not.toContain("Members only");
  });

  it("falls back to the preview text, then the excerpt, without a break", () => {
    expect(derived(noBreak, { teaserMode: "auto", previewText: "Read <this>." }).teaserHtml).toBe("<p>Read &#60;this&#62;.</p>");
    expect(derived(noBreak, { teaserMode: "auto", previewText: "" }).teaserHtml).toBe("<p>Opening words. More.</p>");
  });

  it("uses only the preview text for custom, and nothing for none", () => {
    expect(derived(withBreak, { teaserMode: "custom", previewText: "One.\n\nTwo\nlines." }).teaserHtml).toBe("<p>One.</p><p>Two<br>lines.</p>");
    expect(derived(withBreak, { teaserMode: "none", previewText: "Unused." }).teaserHtml).toBe("");
  });

  it("stores the plain text, word count and kind with the html", () => {
    expect(derived(noBreak, { teaserMode: "auto", previewText: "" })).toMatchObject({
      html: "<p>Opening words.</p><p>More.</p>",
      plainText: "Opening words.\n\nMore.",
      excerpt: "Opening words. More.",
      wordCount: 3,
      kind: "text",
    });
  });
});
