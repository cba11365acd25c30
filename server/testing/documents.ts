// Post documents for tests. Deliberately free of server code and of the `server-only` marker: e2e
// specs import it in Playwright's runner, which loads specs without the "react-server" condition.
import type { DocumentNode, PostDocument } from "@/lib/document/validate";

function paragraph(text: string): DocumentNode {
  return text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" };
}

/** A valid Tiptap document: one paragraph per argument (an empty string is an empty paragraph). */
export function docWithText(...paragraphs: string[]): PostDocument {
  return { type: "doc", content: paragraphs.map(paragraph) };
}

/** `teaser` for everyone, then the paywall break, then `gated` for those with access. */
export function docWithPaywall(teaser: string, gated: string): PostDocument {
  return { type: "doc", content: [paragraph(teaser), { type: "paywallBreak" }, paragraph(gated)] };
}
