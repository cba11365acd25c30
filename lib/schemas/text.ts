// Text as every input schema takes it: a string that PostgreSQL can store and a page can show.
// NUL is refused by the database (a 500 if it got that far), a lone surrogate is not a character
// at all, and other control characters are invisible junk; all are refused here with plain words.
import { z } from "zod";

/**
 * A control character other than tab and line breaks, or half of a surrogate pair. With the `u`
 * flag a correct pair is one code point, so only a lone half matches `\p{Cs}`.
 */
const UNSTORABLE = /\p{Cs}|(?![\t\n\r])\p{Cc}/u;

export const UNSTORABLE_TEXT_MESSAGE =
  "This text contains invisible control characters or a broken symbol. Remove them and try again.";

/** Whether `value` holds only characters we store and show. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * `z.string()` for anything a person or a browser sends. Chain limits and transforms as usual;
 * the character check runs first and stops there, so the person reads one reason, not three.
 */
export function text() {
  return z.string().refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE, abort: true });
}

/** A row's id as a client names it; whether it exists (and is the viewer's) is the service's question. */
export const idSchema = text().min(1).max(64);
