// Characters that let a name pretend to be something else: control characters, line and paragraph
// separators, and the invisible marks that reorder text (bidirectional embeddings, overrides and
// isolates, LRM/RLM, the Arabic letter mark). With U+202E "invoice\u202Efdp.exe" displays as
// "invoiceexe.pdf". Joiners are not among them: scripts and emoji need them. Uploads strip these
// from file names; documents refuse them in an attachment's name.
const SOURCE = "[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]";

export const DISGUISING_CHARACTERS = new RegExp(SOURCE, "u");

export function withoutDisguisingCharacters(text: string): string {
  return text.replace(new RegExp(SOURCE, "gu"), "");
}
