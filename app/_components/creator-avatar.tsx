// A creator's picture where they are listed (search, explore): their avatar, or the first letter of
// their name when they have none. Decorative: their name is always written beside it.
import { mediaUrl } from "@/lib/document/media";

export function CreatorAvatar({ name, mediaId, size = 48 }: { name: string; mediaId: string | null; size?: number }) {
  if (mediaId) {
    return <img src={mediaUrl(mediaId, 160)} alt="" width={size} height={size} style={{ width: size, height: size }} className="shrink-0 rounded-full border border-line object-cover" />;
  }
  return (
    <span
      aria-hidden
      style={{ width: size, height: size, fontSize: size * 0.42 }}
      className="flex shrink-0 items-center justify-center rounded-full bg-accent-soft font-serif font-bold text-accent-strong"
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
