// A tier's cover image: the creator's own picture, public once the tier is published (the media
// route checks that). Decorative: the tier's name next to it says what it is.
type Props = {
  mediaId: string | null;
  /** With no cover, a quiet band with this initial, so cards beside covered ones line up. */
  placeholder?: string | null;
  className?: string;
};

export function TierCover({ mediaId, placeholder = null, className = "" }: Props) {
  const frame = `aspect-[2/1] w-full bg-accent-soft ${className}`;
  if (mediaId) {
    return <img src={`/api/media/${mediaId}?w=960`} alt="" loading="lazy" decoding="async" className={`${frame} object-cover`} />;
  }
  if (!placeholder) return null;
  return (
    <div aria-hidden className={`${frame} flex items-center justify-center font-serif text-5xl font-bold text-accent-strong/40`}>
      {placeholder.slice(0, 1).toUpperCase()}
    </div>
  );
}
