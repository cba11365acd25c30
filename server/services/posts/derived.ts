// Everything a post stores that is derived from its document and teaser settings, computed in
// this one place at write time, so readers never render a document per request and never decide
// what a teaser is: the stored teaser is final.
import "server-only";
import { escapeHtml } from "@/lib/html";
import { renderDocumentHtml } from "@/lib/document/render";
import { postKind, teaserDocument } from "@/lib/document/teaser";
import { blocksOnOneLine, countWords, documentPlainText, excerpt, oneLineText } from "@/lib/document/text";
import type { PostDocument } from "@/lib/document/validate";
import type { PostRow } from "./store";

type TeaserSettings = Pick<PostRow, "teaserMode" | "previewText">;

/** What viewers without access get, as HTML and as one line of plain text (the public text). */
export type TeaserColumns = Pick<PostRow, "teaserHtml" | "teaserText">;

export type DerivedColumns = Pick<PostRow, "html" | "excerpt" | "plainText" | "wordCount" | "kind"> & TeaserColumns;

/** How long a stored excerpt, and a card's line of teaser text, may be. */
export const EXCERPT_CHARS = 280;

/** Plain words as paragraphs: a blank line starts a new one. */
export function paragraphsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

function previewTeaser(previewText: string): TeaserColumns {
  return { teaserHtml: paragraphsHtml(previewText), teaserText: blocksOnOneLine(previewText.split(/\n\s*\n/)) };
}

/**
 * What viewers without access see, by the creator's choice. `auto`: the part above the paywall
 * break, rendered like the post; without a break, the preview text if the creator wrote one, else
 * nothing. Fails closed: no setting ever makes the body's own words the teaser of a post that has
 * no break, so every channel can show the stored teaser as it is.
 */
export function teaserColumns(document: PostDocument, settings: TeaserSettings): TeaserColumns {
  switch (settings.teaserMode) {
    case "none":
      return { teaserHtml: "", teaserText: "" };
    case "custom":
      return previewTeaser(settings.previewText);
    case "auto": {
      const above = teaserDocument(document);
      if (above) return { teaserHtml: renderDocumentHtml(above), teaserText: oneLineText(above) };
      return previewTeaser(settings.previewText);
    }
  }
}

export function derived(document: PostDocument, settings: TeaserSettings): DerivedColumns {
  return {
    html: renderDocumentHtml(document),
    excerpt: excerpt(document, EXCERPT_CHARS),
    plainText: documentPlainText(document),
    wordCount: countWords(document),
    kind: postKind(document),
    ...teaserColumns(document, settings),
  };
}
