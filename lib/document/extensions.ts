// The one Tiptap extension list behind post documents: the browser editor, the validator and the
// server renderer all build from it, so what the editor can make is exactly what we accept and render.
import { getSchema, type Extensions } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";

import { DocumentTaskItem, DocumentTaskList, PaywallBreak, Spoiler } from "./nodes/blocks";
import { mediaNodes } from "./nodes/media";
import { isSafeUrl, urlScheme } from "./url";

export const LINK_REL = "noopener noreferrer nofollow";

/** Numbering styles an ordered list may carry (its `type` attribute, as in HTML). */
export const ORDERED_LIST_TYPES: readonly string[] = ["1", "a", "A", "i", "I"];

const DEFAULT_PROTOCOL = "https";

/**
 * The link extension asks this both about finished hrefs (render, paste of HTML) and, when
 * autolinking, about the text as typed ("example.com", "me@example.com") before linkify adds a
 * scheme. Judge the second kind by the href it will become, so the editor never produces a link
 * the validator would refuse.
 */
function isAllowedLinkUri(url: string): boolean {
  if (isSafeUrl(url)) return true;
  if (typeof url !== "string" || urlScheme(url) !== null) return false;
  const bare = url.trim();
  if (bare === "" || /^[/\\]/.test(bare) || bare.includes("\\")) return false;
  const href = /^[^/?#]*@/.test(bare) ? `mailto:${bare}` : `${DEFAULT_PROTOCOL}://${bare}`;
  return isSafeUrl(href);
}

/**
 * Tiptap's default autolink heuristics (no bare IP addresses, no single-word hosts), plus our
 * protocol allow-list: pasting a URL over a selection consults only this, not isAllowedUri.
 */
function shouldAutoLink(url: string): boolean {
  if (!isAllowedLinkUri(url)) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return true;
  const host = (url.includes("@") ? (url.split("@").pop() ?? "") : url).split(/[/?#:]/)[0] ?? "";
  return !/^\d{1,3}(\.\d{1,3}){3}$/.test(host) && host.includes(".");
}

export const documentExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    link: {
      openOnClick: false,
      autolink: true,
      // `protocols` only *adds* custom schemes to linkify, which already knows http, https and
      // mailto; re-registering them just warns on every editor mount. The allow-list is enforced
      // by isAllowedUri and shouldAutoLink below.
      protocols: [],
      defaultProtocol: DEFAULT_PROTOCOL,
      HTMLAttributes: { rel: LINK_REL, target: null },
      isAllowedUri: isAllowedLinkUri,
      shouldAutoLink,
    },
    // Dropcursor and gapcursor only add editor plugins; getSchema and the static renderer work
    // without a DOM with them enabled (covered by the tests), so the editor keeps them.
  }),
  DocumentTaskList,
  DocumentTaskItem,
  Spoiler,
  PaywallBreak,
  ...mediaNodes,
];

let schema: Schema | undefined;

/** The ProseMirror schema of post documents, built once on first use. */
export function documentSchema(): Schema {
  schema ??= getSchema(documentExtensions);
  return schema;
}
