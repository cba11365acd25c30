// Server-side HTML for post documents: Tiptap's static renderer driven by the shared extension
// list, then sanitize-html with an allow-list that mirrors the schema as a second, independent gate.
// Kept out of index.ts so client bundles that only edit or validate do not pull in sanitize-html.
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import sanitizeHtml from "sanitize-html";

import { documentExtensions, documentSchema, LINK_REL, ORDERED_LIST_TYPES } from "./extensions";
import { isSafeUrl } from "./url";
import type { PostDocument } from "./validate";

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "h2", "h3", "h4", "strong", "em", "u", "s", "code", "pre",
    "a", "ul", "ol", "li", "blockquote", "hr", "br",
  ],
  allowedAttributes: {
    a: ["href", "rel", "title"],
    ol: ["start", { name: "type", multiple: false, values: [...ORDERED_LIST_TYPES] }],
  },
  // The code block renderer marks the language as class="language-x"; nothing else has a class.
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  selfClosing: ["br", "hr"],
  transformTags: {
    // Our own URL policy, applied to the href the browser will actually see (entities decoded),
    // and the same rel on every link whatever the document says: creators' links are user content.
    a: (tagName, attribs) => {
      const kept: sanitizeHtml.Attributes = {};
      if (attribs.href !== undefined && isSafeUrl(attribs.href)) kept.href = attribs.href;
      kept.rel = LINK_REL;
      if (attribs.title !== undefined) kept.title = attribs.title;
      return { tagName, attribs: kept };
    },
  },
};

/**
 * Renders a validated post document to HTML. Needs no DOM.
 * Throws if `doc` does not fit the schema at all (unknown node or mark types); validate on write.
 */
export function renderDocumentHtml(doc: PostDocument): string {
  // Building the node against the memoised schema spares the renderer from rebuilding one per call.
  const node = ProseMirrorNode.fromJSON(documentSchema(), doc);
  const html = renderToHTMLString({ content: node, extensions: documentExtensions });
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}
