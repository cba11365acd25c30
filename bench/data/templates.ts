// The bodies of the large dataset's posts: a few hundred short documents, each stored with the
// columns the posts service derives from it at save time (derived.ts: HTML, excerpt, plain text,
// word count, kind, teaser), so the pages render generated posts exactly as they render written
// ones. Public bodies have no paywall break; gated ones have one after their first paragraph.
import { generateArticle } from "@/bench/dataset";
import type { DocumentNode, PostDocument } from "@/lib/document/validate";
import { validateDocument } from "@/lib/document/validate";
import { derived, type DerivedColumns } from "@/server/services/posts/derived";

export type Template = DerivedColumns & { gated: boolean; document: PostDocument };

/** Per kind (public, gated): enough variety that search words are not all on every post. */
export const TEMPLATES_PER_KIND = 200;

const SEED = 0x5ca1_e000;

/** A short post: an opening paragraph, a heading, and one to three paragraphs of a longer article. */
function shortDocument(seed: number, gated: boolean): PostDocument {
  const blocks = generateArticle(600, seed).content ?? [];
  const paragraphs = blocks.filter((block) => block.type === "paragraph");
  const heading = blocks.find((block) => block.type === "heading")!;
  const body: DocumentNode[] = [heading, ...paragraphs.slice(1, 2 + (seed % 3))];
  const content = gated ? [paragraphs[0]!, { type: "paywallBreak" }, ...body] : [paragraphs[0]!, ...body];
  const checked = validateDocument({ type: "doc", content });
  if (!checked.ok) throw new Error(`A generated document is invalid: ${checked.message}`);
  return checked.doc;
}

export function postTemplates(): Template[] {
  const templates: Template[] = [];
  for (const gated of [false, true]) {
    for (let index = 0; index < TEMPLATES_PER_KIND; index++) {
      const document = shortDocument(SEED + index * 2 + (gated ? 1 : 0), gated);
      templates.push({ gated, document, ...derived(document, { teaserMode: "auto", previewText: "" }) });
    }
  }
  return templates;
}
