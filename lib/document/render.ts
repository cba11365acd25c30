// Server-side HTML for post documents: Tiptap's static renderer driven by the shared extension
// list, then sanitize-html with an allow-list that mirrors the schema as a second, independent gate.
// Kept out of index.ts so client bundles that only edit or validate do not pull in sanitize-html.
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import sanitizeHtml from "sanitize-html";

import { documentExtensions, documentSchema, LINK_REL, ORDERED_LIST_TYPES } from "./extensions";
import { EMBED_HOSTS, IMAGE_LAYOUTS, isEmbedSrc, isMediaUrl } from "./media";
import { EMBED_FRAME_ATTRIBUTES } from "./nodes/media";
import { isSafeUrl } from "./url";
import type { PostDocument } from "./validate";

/** Keeps only media addresses our renderer builds: `/api/media/{uuid}` (optionally `?w=`). */
function mediaSrcset(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const entries = value.split(",").map((entry) => entry.trim().split(/\s+/));
  const ok = entries.every(([url, size, ...rest]) => url !== undefined && isMediaUrl(url) && /^\d+w$/.test(size ?? "") && rest.length === 0);
  return ok ? value : undefined;
}

function keep(attribs: sanitizeHtml.Attributes, names: readonly string[]): sanitizeHtml.Attributes {
  const kept: sanitizeHtml.Attributes = {};
  for (const name of names) if (attribs[name] !== undefined) kept[name] = attribs[name];
  return kept;
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "h2", "h3", "h4", "strong", "em", "u", "s", "code", "pre",
    "a", "ul", "ol", "li", "blockquote", "hr", "br",
    // Task lists, spoilers and media.
    "label", "input", "div", "span", "details", "summary",
    "figure", "figcaption", "img", "audio", "video", "iframe",
  ],
  allowedAttributes: {
    a: ["href", "rel", "title", "download", "type", "data-size"],
    ol: ["start", { name: "type", multiple: false, values: [...ORDERED_LIST_TYPES] }],
    ul: [{ name: "data-type", multiple: false, values: ["taskList"] }],
    li: [{ name: "data-type", multiple: false, values: ["taskItem"] }, { name: "data-checked", multiple: false, values: ["true", "false"] }],
    input: ["type", "checked", "disabled", "aria-label"],
    img: ["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"],
    audio: ["src", "controls", "preload", "data-duration"],
    video: ["src", "poster", "controls", "preload", "playsinline"],
    iframe: ["src", "title", "loading", "allow", "allowfullscreen", "sandbox", "referrerpolicy"],
  },
  allowedClasses: {
    // The code block renderer marks the language as class="language-x".
    code: ["language-*"],
    figure: ["media-image", ...IMAGE_LAYOUTS.map((layout) => `media-${layout}`), "media-gallery", "media-audio", "media-video", "media-embed"],
    div: ["media-attachment", "spoiler-body"],
    span: ["media-attachment-meta", "media-audio-title", "media-audio-duration"],
    details: ["spoiler"],
    hr: ["paywall-break"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: [], audio: [], video: [], iframe: ["https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "poster"],
  allowProtocolRelative: false,
  allowedIframeHostnames: [...EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: "discard",
  selfClosing: ["br", "hr", "img", "input"],
  transformTags: {
    // Our own URL policy, applied to the href the browser will actually see (entities decoded),
    // and the same rel on every link whatever the document says: creators' links are user content.
    a: (tagName, attribs) => {
      const kept: sanitizeHtml.Attributes = {};
      // The media route's paths are ours: only exact addresses the renderer builds may use them.
      const href = attribs.href;
      if (href !== undefined && isSafeUrl(href) && (!/^\/api\/media\//i.test(href.trim()) || isMediaUrl(href))) kept.href = href;
      kept.rel = LINK_REL;
      if (attribs.title !== undefined) kept.title = attribs.title;
      // Download hints only on our own files (an attachment), never on a creator's link.
      if (kept.href !== undefined && isMediaUrl(kept.href)) {
        Object.assign(kept, keep(attribs, ["download", "type", "data-size"]));
      }
      return { tagName, attribs: kept };
    },
    // A task list's checkbox is always inert on the page.
    input: (tagName, attribs) => ({
      tagName,
      attribs: { type: "checkbox", disabled: "disabled", ...keep(attribs, ["checked", "aria-label"]) },
    }),
    img: (tagName, attribs) => {
      const kept = keep(attribs, ["alt", "sizes", "width", "height"]);
      if (attribs.src !== undefined && isMediaUrl(attribs.src)) kept.src = attribs.src;
      const srcset = mediaSrcset(attribs.srcset);
      if (srcset !== undefined) kept.srcset = srcset;
      return { tagName, attribs: { ...kept, loading: "lazy", decoding: "async" } };
    },
    audio: (tagName, attribs) => {
      const kept = keep(attribs, ["data-duration"]);
      if (attribs.src !== undefined && isMediaUrl(attribs.src)) kept.src = attribs.src;
      return { tagName, attribs: { ...kept, controls: "", preload: "none" } };
    },
    video: (tagName, attribs) => {
      const kept: sanitizeHtml.Attributes = {};
      if (attribs.src !== undefined && isMediaUrl(attribs.src)) kept.src = attribs.src;
      if (attribs.poster !== undefined && isMediaUrl(attribs.poster)) kept.poster = attribs.poster;
      return { tagName, attribs: { ...kept, controls: "", preload: "none", playsinline: "" } };
    },
    // Only the exact player addresses the renderer builds; every other attribute is fixed here.
    iframe: (tagName, attribs) => {
      const kept = keep(attribs, ["title"]);
      if (attribs.src !== undefined && isEmbedSrc(attribs.src)) kept.src = attribs.src;
      return { tagName, attribs: { ...kept, loading: "lazy", ...EMBED_FRAME_ATTRIBUTES } };
    },
  },
  // Media without an address we built has nothing to show: drop the element.
  exclusiveFilter: (frame) =>
    ["img", "audio", "video", "iframe"].includes(frame.tag) && frame.attribs.src === undefined,
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

/** The sanitizer pass alone, for HTML that did not come from renderDocumentHtml (tests, imports). */
export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}
