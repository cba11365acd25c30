import { describe, expect, it } from "vitest";
import type { PostDocument } from "@/lib/document/validate";
import { derived, teaserColumns } from "./derived";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const withBreak: PostDocument = { type: "doc", content: [paragraph("Free <part>."), { type: "paywallBreak" }, paragraph("Members only.")] };
const noBreak: PostDocument = { type: "doc", content: [paragraph("Opening words."), paragraph("More.")] };

describe("derived", () => {
  it("renders the part above the paywall break as the automatic teaser, with its text on one line", () => {
    const result = derived(withBreak, { teaserMode: "auto", previewText: "Ignored when there is a break." });
    expect(result.teaserHtml).toBe("<p>Free &lt;part&gt;.</p>");
    expect(result.teaserText).toBe("Free <part>.");
    expect(JSON.stringify(result.teaserHtml + result.teaserText)).not.toContain("Members only");
  });

  it("falls back to the preview text without a break, and to nothing, never to the body's words", () => {
    expect(teaserColumns(noBreak, { teaserMode: "auto", previewText: "Read <this>.\n\nNow." })).toEqual({
      teaserHtml: "<p>Read &#60;this&#62;.</p><p>Now.</p>",
      teaserText: "Read <this>. Now.",
    });
    const nothing = teaserColumns(noBreak, { teaserMode: "auto", previewText: "  \n " });
    expect(nothing).toEqual({ teaserHtml: "", teaserText: "" });
  });

  it("uses only the preview text for custom, and nothing for none", () => {
    expect(teaserColumns(withBreak, { teaserMode: "custom", previewText: "One.\n\nTwo\nlines." })).toEqual({
      teaserHtml: "<p>One.</p><p>Two<br>lines.</p>",
      teaserText: "One. Two lines.",
    });
    expect(teaserColumns(withBreak, { teaserMode: "none", previewText: "Unused." })).toEqual({ teaserHtml: "", teaserText: "" });
  });

  it("keeps a spoiler above the break out of the teaser's line of text", () => {
    const spoiler: PostDocument = {
      type: "doc",
      content: [paragraph("Free."), { type: "spoiler", content: [paragraph("The butler did it.")] }, { type: "paywallBreak" }, paragraph("Paid.")],
    };
    expect(teaserColumns(spoiler, { teaserMode: "auto", previewText: "" }).teaserText).toBe("Free.");
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
