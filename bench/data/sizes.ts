// How big the large dataset is at a given scale: 1 is the platform the product is built for (100k
// creators, 1M published posts, 10M memberships); smaller scales keep the same shape, so a test or a
// quick run exercises the same queries on less data.

export type Sizes = {
  scale: number;
  /** Creator pages, each with its own user; the first is the studio creator below. */
  creators: number;
  /** Published posts across every creator, the studio creator's included. */
  publishedPosts: number;
  /** The studio creator's published posts (a long archive, a big library). */
  studioPosts: number;
  /** Drafts, scheduled, archived and trashed posts of the other creators. */
  otherPosts: number;
  /** Fans, each a member of `MEMBERSHIPS_PER_FAN` creators. */
  fans: number;
  /** Fans who are also members of the studio creator (an audience to list and export). */
  studioMembers: number;
  memberships: number;
};

export const MEMBERSHIPS_PER_FAN = 10;
/** Tags each creator with posts has; every post carries one or two of them. */
export const TAGS_PER_CREATOR = 5;

const at = (value: number, min: number) => Math.max(min, Math.round(value));

export function sizesFor(scale: number): Sizes {
  if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be above 0 and at most 1.");
  const creators = at(100_000 * scale, 20);
  const publishedPosts = at(1_000_000 * scale, 1_000);
  // Never less than a 500-post-deep archive needs, nor more than most of everything.
  const studioPosts = Math.min(at(100_000 * scale, 600), 10_000, Math.floor(publishedPosts * 0.6));
  const memberships = at(10_000_000 * scale, 500);
  const studioMembers = Math.min(at(1_000_000 * scale, 100), 100_000);
  const fans = Math.max(Math.ceil((memberships - studioMembers) / MEMBERSHIPS_PER_FAN), studioMembers);
  return {
    scale,
    creators,
    publishedPosts,
    studioPosts,
    otherPosts: Math.round(publishedPosts * 0.03),
    fans,
    studioMembers,
    memberships: fans * MEMBERSHIPS_PER_FAN + studioMembers,
  };
}
