// Media references inside post documents: which ids and embed providers a document may name, and
// the URLs the renderer builds from them. Documents never store URLs; this module derives them.

/** uuidv7 (any uuid) in its canonical lowercase form: the only media id a document may carry. */
const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Widths the media route serves images at (WebP variants made at upload, none wider than the original); the renderer's srcset lists exactly these. */
export const IMAGE_WIDTHS: readonly number[] = [480, 960, 1600];

export const IMAGE_LAYOUTS = ["normal", "wide", "full"] as const;
export type ImageLayout = (typeof IMAGE_LAYOUTS)[number];

export function isMediaId(value: unknown): value is string {
  return typeof value === "string" && MEDIA_ID.test(value);
}

/** The same-site address of a media file; images take a served width. */
export function mediaUrl(mediaId: string, width?: number): string {
  return width === undefined ? `/api/media/${mediaId}` : `/api/media/${mediaId}?w=${width}`;
}

/** The media id in a URL this module built (for pasting rendered HTML back into the editor). */
export function mediaIdFromUrl(url: string | null | undefined): string | null {
  const match = /^\/api\/media\/([0-9a-f-]{36})(?:\?w=\d+)?$/.exec(url ?? "");
  return match && isMediaId(match[1]) ? match[1] : null;
}

/** Is `url` exactly one that mediaUrl could have produced? Used by the sanitizer. */
export function isMediaUrl(url: string): boolean {
  return mediaIdFromUrl(url) !== null;
}

// A fixed allow-list: an embed is a provider plus an id, and the iframe address is built here.
// Adding a provider means adding its id rule, its player URL and its hostname below.
const EMBED_RULES = {
  youtube: {
    label: "YouTube",
    id: /^[A-Za-z0-9_-]{11}$/,
    src: (id: string) => `https://www.youtube-nocookie.com/embed/${id}`,
  },
  vimeo: {
    label: "Vimeo",
    id: /^[1-9][0-9]{5,11}$/,
    src: (id: string) => `https://player.vimeo.com/video/${id}`,
  },
} as const;

export type EmbedProvider = keyof typeof EMBED_RULES;
export const EMBED_PROVIDERS = Object.keys(EMBED_RULES) as EmbedProvider[];
export const EMBED_HOSTS: readonly string[] = ["www.youtube-nocookie.com", "player.vimeo.com"];
export type EmbedRef = { provider: EmbedProvider; id: string };

export function isEmbedProvider(value: unknown): value is EmbedProvider {
  return typeof value === "string" && Object.hasOwn(EMBED_RULES, value);
}

export function isEmbedId(provider: unknown, id: unknown): boolean {
  return isEmbedProvider(provider) && typeof id === "string" && EMBED_RULES[provider].id.test(id);
}

/** The player address for a validated provider and id. */
export function embedSrc(provider: EmbedProvider, id: string): string {
  return EMBED_RULES[provider].src(id);
}

export function embedLabel(provider: EmbedProvider): string {
  return EMBED_RULES[provider].label;
}

/** Whether `src` is exactly a player address embedSrc builds (the sanitizer's iframe gate). */
export function isEmbedSrc(src: string): boolean {
  return embedFromPlayerUrl(src) !== null;
}

export function embedFromPlayerUrl(src: string): EmbedRef | null {
  const youtube = /^https:\/\/www\.youtube-nocookie\.com\/embed\/([^/?#]+)$/.exec(src);
  if (youtube?.[1] && isEmbedId("youtube", youtube[1])) return { provider: "youtube", id: youtube[1] };
  const vimeo = /^https:\/\/player\.vimeo\.com\/video\/([^/?#]+)$/.exec(src);
  if (vimeo?.[1] && isEmbedId("vimeo", vimeo[1])) return { provider: "vimeo", id: vimeo[1] };
  return null;
}

/**
 * The provider and id behind a video address a creator pastes: youtube.com/watch?v=…, youtu.be/…,
 * youtube.com/embed|shorts|live/…, youtube-nocookie.com/embed/…, vimeo.com/123…,
 * vimeo.com/channels/x/123…, player.vimeo.com/video/123…. Null for anything else.
 */
export function parseEmbedUrl(input: string): EmbedRef | null {
  if (typeof input !== "string") return null;
  let url: URL;
  try {
    const trimmed = input.trim();
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.|music\.)/, "");
  const segments = url.pathname.split("/").filter(Boolean);
  const pick = (provider: EmbedProvider, id: string | null | undefined): EmbedRef | null =>
    id && isEmbedId(provider, id) ? { provider, id } : null;

  if (host === "youtu.be") return pick("youtube", segments[0]);
  if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (segments[0] === "watch") return pick("youtube", url.searchParams.get("v"));
    if (segments.length === 2 && ["embed", "shorts", "live", "v"].includes(segments[0] ?? "")) {
      return pick("youtube", segments[1]);
    }
    return null;
  }
  if (host === "player.vimeo.com") return segments[0] === "video" ? pick("vimeo", segments[1]) : null;
  if (host === "vimeo.com") {
    const last = segments.at(-1);
    if (segments.length === 1 || segments[0] === "channels" || segments[0] === "video") return pick("vimeo", last);
    if (segments[0] === "groups" && segments[2] === "videos") return pick("vimeo", segments[3]);
    return null;
  }
  return null;
}

/** "1.4 MB", "820 KB", "12 bytes": sizes as readers expect them (decimal units, like file managers). */
export function formatBytes(size: number): string {
  if (!(size >= 0) || !Number.isFinite(size)) return "";
  if (size < 1000) return `${size} ${size === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = size / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** "3:05" or "1:02:09". */
export function formatDuration(seconds: number): string {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) return "";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
