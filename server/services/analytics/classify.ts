// What a page view's request says about where the reader came from and whether to count it at all:
// pure functions of the request's headers and the page's address, no storage.

/** Crawlers, link previewers, monitors and headless browsers: not readers. */
const BOT = /bot\b|bot\/|crawl|spider|slurp|headless|lighthouse|pagespeed|preview|facebookexternalhit|embedly|whatsapp|vkshare|monitor|uptime|curl\/|wget\/|python-|go-http-client|httpclient|java\/|okhttp|phantomjs|selenium|puppeteer|playwright/i;

export function isBot(userAgent: string | null): boolean {
  return !userAgent || userAgent.length < 12 || BOT.test(userAgent);
}

/** Do-Not-Track or Global Privacy Control: the reader asked not to be counted, so they are not. */
export function declinesTracking(headers: Headers): boolean {
  return headers.get("dnt") === "1" || headers.get("sec-gpc") === "1";
}

/** A browser fetching a page ahead of a click that may never come. */
export function isPrefetch(headers: Headers): boolean {
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""} ${headers.get("x-moz") ?? ""}`;
  return /prefetch|prerender/i.test(purpose);
}

export type Source = { source: string; referrer: string; campaign: string };

const SEARCH_ENGINES = /(^|\.)(google|bing|duckduckgo|yahoo|yandex|baidu|ecosia|kagi|qwant|startpage|brave|naver|seznam)\./;
const SOCIAL = /(^|\.)(facebook\.com|fb\.me|t\.co|twitter\.com|x\.com|instagram\.com|linkedin\.com|lnkd\.in|reddit\.com|youtube\.com|tiktok\.com|pinterest\.com|threads\.net|bsky\.app|mastodon\.social|tumblr\.com|discord\.com|telegram\.org|news\.ycombinator\.com)$/;

/** Where our own links say a reader came from (`?src=`): set by emails and feeds. */
const OWN_SOURCES = new Set(["email", "feed", "recommendation"]);

function hostOf(address: string): string | null {
  try {
    return new URL(address).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** A short, safe label from a query value: no one writes a page of text into our tables. */
function label(value: string | null): string {
  return (value ?? "").trim().toLowerCase().slice(0, 60);
}

/**
 * The source of a page view, from the page's own address (campaign tags, our `src`) and the
 * referring page. Only the referring site's domain is kept, never its path or query.
 */
export function sourceOf(pageUrl: string, referrer: string, siteHost: string): Source {
  let params: URLSearchParams;
  try {
    params = new URL(pageUrl).searchParams;
  } catch {
    params = new URLSearchParams();
  }
  const own = label(params.get("src"));
  if (OWN_SOURCES.has(own)) return { source: own, referrer: "", campaign: "" };
  const utmSource = label(params.get("utm_source"));
  if (utmSource) return { source: "campaign", referrer: utmSource, campaign: label(params.get("utm_campaign")) };
  const host = referrer ? hostOf(referrer) : null;
  if (!host) return { source: "direct", referrer: "", campaign: "" };
  if (host === siteHost.toLowerCase().replace(/^www\./, "")) {
    const path = new URL(referrer).pathname;
    if (path.startsWith("/explore")) return { source: "explore", referrer: "", campaign: "" };
    if (path.startsWith("/search")) return { source: "search", referrer: "", campaign: "" };
    return { source: "site", referrer: "", campaign: "" };
  }
  if (SEARCH_ENGINES.test(host)) return { source: "search-engine", referrer: host, campaign: "" };
  if (SOCIAL.test(host)) return { source: "social", referrer: host, campaign: "" };
  return { source: "referral", referrer: host, campaign: "" };
}
