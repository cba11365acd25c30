// Plain text with its web addresses found: what a comment shows as links. Only http and https
// addresses become links; anything else stays text (React escapes it), so no script can ride in.

export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

const ADDRESS = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence rather than an address: "see https://a.example/x." */
const TRAILING = /[.,;:!?)\]'"]+$/;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const raw = match[0];
    const address = raw.replace(TRAILING, "");
    const start = match.index;
    if (start > at) parts.push({ text: text.slice(at, start) });
    if (isWebAddress(address)) parts.push({ text: address, href: address });
    else parts.push({ text: address });
    at = start + address.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
