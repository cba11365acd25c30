// A creator's links to their other places, named by the site they lead to. They leave the site
// without passing it the page's address, and say where they go.

/** A few well-known sites by name; anything else by its host. */
const SITE_NAMES: [RegExp, string][] = [
  [/(^|\.)youtube\.com$|^youtu\.be$/, "YouTube"],
  [/(^|\.)instagram\.com$/, "Instagram"],
  [/(^|\.)(twitter|x)\.com$/, "X"],
  [/(^|\.)bsky\.app$/, "Bluesky"],
  [/(^|\.)tiktok\.com$/, "TikTok"],
  [/(^|\.)twitch\.tv$/, "Twitch"],
  [/(^|\.)github\.com$/, "GitHub"],
  [/(^|\.)soundcloud\.com$/, "SoundCloud"],
  [/(^|\.)bandcamp\.com$/, "Bandcamp"],
  [/(^|\.)spotify\.com$/, "Spotify"],
  [/(^|\.)etsy\.com$/, "Etsy"],
  [/(^|\.)linkedin\.com$/, "LinkedIn"],
  [/(^|\.)mastodon\.social$/, "Mastodon"],
];

export function siteName(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
  return SITE_NAMES.find(([pattern]) => pattern.test(host))?.[1] ?? host.replace(/^www\./, "");
}

export function CreatorLinks({ links, name }: { links: string[]; name: string }) {
  if (links.length === 0) return null;
  return (
    <ul aria-label={`${name} elsewhere`} className="mt-4 flex flex-wrap gap-2">
      {links.map((link) => (
        <li key={link}>
          <a
            href={link}
            rel="noopener noreferrer nofollow me"
            target="_blank"
            className="inline-flex items-center gap-1 rounded-full border border-line bg-card px-3 py-1 text-sm font-medium hover:border-accent"
          >
            {siteName(link)}
            <span aria-hidden>↗</span>
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
