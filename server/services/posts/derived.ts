// Everything a post stores that is derived from its document and teaser settings, computed in
// this one place at write time, so readers never render a document per request.
import type { posts } from "@/db/schema";
import { renderDocumentHtml } from "@/lib/document/render";
import { postKind, teaserDocument } from "@/lib/document/teaser";
import { countWords, documentPlainText, excerpt } from "@/lib/document/text";
import type { PostDocument } from "@/lib/document/validate";

type TeaserSettings = Pick<typeof posts.$inferSelect, "teaserMode" | "previewText">;

export type DerivedColumns = {
  html: string;
  excerpt: string;
  plainText: string;
  wordCount: number;
  kind: string;
  teaserHtml: string;
};

const EXCERPT_CHARS = 280;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain words as paragraphs: a blank line starts a new one. */
export function paragraphsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/**
 * What viewers without access see. `auto`: the part above the paywall break, rendered like the
 * post; without a break, the preview text if the creator wrote one, else the excerpt.
 */
function teaserHtml(document: PostDocument, settings: TeaserSettings, cut: string): string {
  switch (settings.teaserMode) {
    case "none":
      return "";
    case "custom":
      return paragraphsHtml(settings.previewText);
    case "auto": {
      const above = teaserDocument(document);
      if (above) return renderDocumentHtml(above);
      return paragraphsHtml(settings.previewText.trim() ? settings.previewText : cut);
    }
  }
}

export function derived(document: PostDocument, settings: TeaserSettings): DerivedColumns {
  const cut = excerpt(document, EXCERPT_CHARS);
  return {
    html: renderDocumentHtml(document),
    excerpt: cut,
    plainText: documentPlainText(document),
    wordCount: countWords(document),
    kind: postKind(document),
    teaserHtml: teaserHtml(document, settings, cut),
  };
}
