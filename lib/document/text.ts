// Plain-text views of a post document: the text itself, word counts, reading time and excerpts
// (for search, feeds, metadata and emails). Works on validated documents; never renders HTML.
import type { DocumentNode, PostDocument } from "./validate";

export const WORDS_PER_MINUTE = 230;

type TextOptions = { spoilers: boolean };

/**
 * The document's text. Blocks are separated by a blank line, items of one list by a newline;
 * line breaks and code block lines are kept. Captions and audio titles count as text; dividers,
 * the paywall break, empty paragraphs and files produce nothing.
 */
export function documentPlainText(doc: PostDocument): string {
  return blocksOf(doc.content, { spoilers: true }).join("\n\n");
}

export function countWords(doc: PostDocument): number {
  let words = 0;
  // A "word" is a whitespace-separated run containing a letter or digit, so "—" or "*" are not.
  for (const token of documentPlainText(doc).split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(token)) words += 1;
  }
  return words;
}

export function readingMinutes(words: number): number {
  if (!(words > 0)) return 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/**
 * The text on one line, as people see it before clicking anything: a spoiler is left out, since
 * an excerpt or a teaser line must not give it away.
 */
export function oneLineText(doc: PostDocument): string {
  return blocksOnOneLine(blocksOf(doc.content, { spoilers: false }));
}

/** A block that ends a sentence, or a phrase: the next one follows after a plain space. */
const ENDS_A_PHRASE = /[.!?…:;,)\]"'\u201d\u2019]$/u;

/**
 * Blocks of text on one line, each still ending where it ended: a block that ends without
 * punctuation (a heading, a list item, a caption) is followed by " — ", so a heading "Page one"
 * and the paragraph under it read "Page one — A map of…", not "Page one A map of…".
 */
export function blocksOnOneLine(blocks: readonly string[]): string {
  let line = "";
  for (const raw of blocks) {
    const block = raw.replace(/\s+/g, " ").trim();
    if (!block) continue;
    line = !line ? block : ENDS_A_PHRASE.test(line) ? `${line} ${block}` : `${line} \u2014 ${block}`;
  }
  return line;
}

/** The start of the text on one line, at most `maxChars` long, cut between words with "…". */
export function excerpt(doc: PostDocument, maxChars = 200): string {
  return cutText(oneLineText(doc), maxChars);
}

/** One line of text shortened to at most `maxChars`, cut between words with "…". */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars < 1) return "";

  // Leave room for the ellipsis, then back up to the last space if there is one.
  let cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  if (space > 0 && text.charAt(maxChars - 1) !== " ") cut = cut.slice(0, space);
  // Never end on half of a surrogate pair (a cut through one very long word).
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:.\u2013\u2014-]+$/, "")}…`;
}

function blocksOf(content: readonly DocumentNode[] | undefined, options: TextOptions): string[] {
  const blocks: string[] = [];
  for (const node of content ?? []) {
    const block = blockText(node, options);
    if (block) blocks.push(block);
  }
  return blocks;
}

function blockText(node: DocumentNode, options: TextOptions): string {
  switch (node.type) {
    case "horizontalRule":
    case "paywallBreak":
    case "gallery":
    case "attachment":
    case "embed":
      return "";
    case "image":
    case "video":
      return typeof node.attrs?.caption === "string" ? node.attrs.caption.trim() : "";
    case "audio":
      return typeof node.attrs?.title === "string" ? node.attrs.title.trim() : "";
    case "bulletList":
    case "orderedList":
    case "taskList":
      return (node.content ?? []).map((item) => blocksOf(item.content, options).join("\n")).join("\n");
    case "spoiler":
      return options.spoilers ? blocksOf(node.content, options).join("\n\n") : "";
    case "blockquote":
      return blocksOf(node.content, options).join("\n\n");
    default:
      return inlineText(node.content);
  }
}

function inlineText(content: readonly DocumentNode[] | undefined): string {
  let text = "";
  for (const node of content ?? []) {
    if (node.type === "text") text += node.text ?? "";
    else if (node.type === "hardBreak") text += "\n";
  }
  return text;
}
