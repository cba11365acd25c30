// What a post shows before its paywall break, and what kind of post its media make it. The posts
// service stores both on save: the teaser for viewers without access, the kind for the type filter.
import type { DocumentNode, PostDocument } from "./validate";

export type PostKind = "text" | "image" | "gallery" | "audio" | "video" | "attachment";

/**
 * The top-level blocks above the first paywall break, as a document of its own; null when the
 * post has no break. A break at the very top gives a teaser with one empty paragraph (a valid,
 * empty document), so "has a teaser" and "teaser has text" stay separate questions.
 */
export function teaserDocument(doc: PostDocument): PostDocument | null {
  const content = doc.content ?? [];
  const index = paywallBreakIndex(doc);
  if (index === -1) return null;
  const above = content.slice(0, index);
  return { type: "doc", content: above.length > 0 ? structuredClone(above) : [{ type: "paragraph" }] };
}

/** Where the paywall break sits among the top-level blocks (validation keeps it there), or -1. */
function paywallBreakIndex(doc: PostDocument): number {
  return (doc.content ?? []).findIndex((node) => node.type === "paywallBreak");
}

/** Whether the document splits into a teaser and a gated part. */
export function hasPaywallBreak(doc: PostDocument): boolean {
  return paywallBreakIndex(doc) !== -1;
}

// When a post mixes media, the first listed wins: a podcast episode with a cover image is audio.
const KIND_BY_NODES: ReadonlyArray<[PostKind, readonly string[]]> = [
  ["audio", ["audio"]],
  ["video", ["video", "embed"]],
  ["gallery", ["gallery"]],
  ["image", ["image"]],
  ["attachment", ["attachment"]],
];

/** The post's type for the library filter, from the media it contains (anywhere in the body). */
export function postKind(doc: PostDocument): PostKind {
  const present = new Set<string>();
  const stack: DocumentNode[] = [...(doc.content ?? [])];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    present.add(node.type);
    if (node.content) stack.push(...node.content);
  }
  const found = KIND_BY_NODES.find(([, types]) => types.some((type) => present.has(type)));
  return found ? found[0] : "text";
}
