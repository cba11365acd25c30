// Short formatted text written in a plain text box (a tier's description): paragraphs, "- " lists,
// **bold**, *italic* and [links](https://…). Parsed into a tree that components render as React
// elements, never as an HTML string, so nothing a creator types can become markup; links keep to
// the same allow-list as post documents.
import { isSafeUrl } from "./document/url";

export type RichInline =
  | { type: "text"; text: string }
  | { type: "bold" | "italic"; children: RichInline[] }
  | { type: "link"; href: string; children: RichInline[] };

export type RichBlock = { type: "paragraph"; lines: RichInline[][] } | { type: "list"; items: RichInline[][] };

// One token at a time, leftmost first: a link, then bold before italic so "**" is not read as two "*".
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?=\S)([^\n]*?\S)\*\*|\*(?=\S)([^*\n]*?\S)\*/;

export function parseInline(text: string): RichInline[] {
  const out: RichInline[] = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) break;
    if (match.index > 0) out.push({ type: "text", text: rest.slice(0, match.index) });
    const [whole, label, href, bold, italic] = match;
    if (label !== undefined && href !== undefined) {
      // A link to a refused address stays visible as its words, without the link.
      out.push(isSafeUrl(href) ? { type: "link", href, children: parseInline(label) } : { type: "text", text: label });
    } else if (bold !== undefined) {
      out.push({ type: "bold", children: parseInline(bold) });
    } else if (italic !== undefined) {
      out.push({ type: "italic", children: parseInline(italic) });
    }
    rest = rest.slice(match.index + whole.length);
  }
  if (rest) out.push({ type: "text", text: rest });
  return out;
}

const LIST_ITEM = /^\s*[-*•]\s+/;

export function parseRichText(source: string): RichBlock[] {
  const blocks: RichBlock[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").filter((line) => line.trim());
    let paragraph: RichInline[][] = [];
    let list: RichInline[][] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ type: "paragraph", lines: paragraph });
      if (list.length) blocks.push({ type: "list", items: list });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      if (LIST_ITEM.test(line)) {
        if (paragraph.length) flush();
        list.push(parseInline(line.replace(LIST_ITEM, "").trim()));
      } else {
        if (list.length) flush();
        paragraph.push(parseInline(line.trim()));
      }
    }
    flush();
  }
  return blocks;
}
