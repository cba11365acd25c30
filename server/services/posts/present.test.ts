import { describe, expect, it } from "vitest";
import type { PostVisibility } from "../access/policy";
import { cardColumns, presentPost } from "./present";

const row = {
  html: "<p>Teaser.</p><p>BODY-ONLY words.</p>",
  plainText: "Teaser.\n\nBODY-ONLY words.",
  excerpt: "Teaser. BODY-ONLY words.",
  teaserHtml: "<p>Teaser.</p>",
  teaserText: "Teaser.",
};

describe("presentPost", () => {
  it("shows nothing of a post that must look missing", () => {
    expect(presentPost(row, "hidden")).toBeNull();
  });

  it("gives the body, its text and its excerpt to a reader with access, and no teaser", () => {
    expect(presentPost(row, "full")).toEqual({ locked: false, excerpt: row.excerpt, html: row.html, teaserHtml: null, text: row.plainText });
  });

  it("gives only the stored teaser to anyone else, whatever else the channel read", () => {
    for (const visibility of ["teaser", "something new"] as PostVisibility[]) {
      const shown = presentPost(row, visibility);
      expect(shown).toEqual({ locked: true, excerpt: "Teaser.", html: null, teaserHtml: "<p>Teaser.</p>", text: "Teaser." });
      expect(JSON.stringify(shown)).not.toContain("BODY-ONLY");
    }
  });

  it("cuts a long teaser to a card's line", () => {
    const long = "word ".repeat(100).trim();
    expect(presentPost({ ...row, teaserText: long }, "teaser")!.excerpt).toMatch(/^(word ){50,}.*…$/);
    expect(presentPost({ ...row, teaserText: long }, "teaser")!.excerpt.length).toBeLessThanOrEqual(280);
  });

  it("leaves out what a channel did not read instead of guessing it", () => {
    expect(presentPost({ excerpt: row.excerpt, teaserText: row.teaserText }, "full")).toMatchObject({ html: null, text: null });
    expect(presentPost({ excerpt: row.excerpt, teaserText: row.teaserText }, "teaser")).toMatchObject({ teaserHtml: null, text: "Teaser." });
  });
});

describe("cardColumns", () => {
  it("reads neither the document nor the body: a list shows the stored excerpt or teaser line", () => {
    for (const column of ["document", "pendingDocument", "html", "plainText", "teaserHtml"]) expect(Object.keys(cardColumns)).not.toContain(column);
  });
});
