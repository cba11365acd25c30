// Post and tag slugs: readable, URL-safe, derived from the title in any script.
// The romanization tables weigh about 220 KB in a browser bundle: the studio gets slugs from the
// server rather than importing this into client components.
import slugifyLatin from "@sindresorhus/slugify";
import { transliterate } from "transliteration";

const MAX_SLUG_LENGTH = 80;
const FALLBACK_SLUG = "untitled";

// `decamelize` would split "iPhone" into "i-phone"; a title's casing is not word structure.
const librarySlug = (text: string) => slugifyLatin(text, { decamelize: false });

/**
 * Spells out, in Latin letters, the runs of letters the slug library has no spelling for
 * (Chinese, Japanese, Korean, Thai, Hebrew, …), leaving the rest to the library, whose Cyrillic,
 * Greek and Latin spellings read better. Whole runs, not single characters: kana read in pairs.
 */
function romanizeUnspelled(text: string): string {
  let result = "";
  let run = "";
  const endRun = () => {
    if (run) result += ` ${transliterate(run)} `;
    run = "";
  };
  // A base character with its combining marks (Thai vowels, Devanagari signs) is one unit.
  for (const [unit] of text.matchAll(/\P{M}\p{M}*/gu)) {
    if (/[^\p{ASCII}]/u.test(unit) && /[\p{L}\p{N}]/u.test(unit) && librarySlug(unit) === "") {
      run += unit;
    } else {
      endRun();
      result += unit;
    }
  }
  endRun();
  return result;
}

export function slugify(title: string): string {
  // NFKC first: ligatures ("ﬁ"), full-width letters and circled digits become their plain forms.
  const slug = librarySlug(romanizeUnspelled(title.normalize("NFKC")))
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
  return slug || FALLBACK_SLUG;
}

/** `base`, then `base-2`, `base-3`, … : the first that `taken` does not contain. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
