// The languages a creator may say they write in. Each is a PostgreSQL text search configuration
// (PostgreSQL and PGlite ship these), which stems their posts' words for search, and a BCP 47 tag,
// their pages' `lang`. "Other" stems nothing: words are matched as written.
export const PAGE_LANGUAGES = [
  { config: "english", tag: "en", label: "English" },
  { config: "spanish", tag: "es", label: "Español" },
  { config: "french", tag: "fr", label: "Français" },
  { config: "german", tag: "de", label: "Deutsch" },
  { config: "italian", tag: "it", label: "Italiano" },
  { config: "portuguese", tag: "pt", label: "Português" },
  { config: "dutch", tag: "nl", label: "Nederlands" },
  { config: "swedish", tag: "sv", label: "Svenska" },
  { config: "simple", tag: "", label: "Other" },
] as const;

export type PageLanguage = (typeof PAGE_LANGUAGES)[number]["config"];

export const PAGE_LANGUAGE_CONFIGS = PAGE_LANGUAGES.map((language) => language.config) as [PageLanguage, ...PageLanguage[]];

export const DEFAULT_PAGE_LANGUAGE: PageLanguage = "english";

export function isPageLanguage(config: string): config is PageLanguage {
  return PAGE_LANGUAGES.some((language) => language.config === config);
}

/** The `lang` attribute for a creator's pages; undefined for "Other" (the site's own applies). */
export function languageTag(config: string): string | undefined {
  return PAGE_LANGUAGES.find((language) => language.config === config)?.tag || undefined;
}
