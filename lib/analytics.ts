// Words and arithmetic the dashboards share between server and browser.

/** The words for each source of readers. */
export const SOURCE_LABELS: Record<string, string> = {
  direct: "Direct",
  "search-engine": "Search engines",
  search: "Search on Atelier",
  social: "Social",
  email: "Email",
  feed: "Feeds",
  explore: "Explore",
  recommendation: "Recommendations",
  site: "Elsewhere on Atelier",
  campaign: "Campaigns",
  referral: "Other sites",
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

/** A share as a whole percentage, or a dash when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : "–";
}
