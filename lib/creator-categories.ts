// The fixed list a creator picks their page's category from; explore groups pages by it
// (`/explore/{slug}`). Fixed so that every page of a kind is found in one place.
export const CREATOR_CATEGORIES = [
  { slug: "writing", label: "Writing" },
  { slug: "art", label: "Art & illustration" },
  { slug: "comics", label: "Comics" },
  { slug: "music", label: "Music" },
  { slug: "podcasts", label: "Podcasts" },
  { slug: "video", label: "Video & film" },
  { slug: "photography", label: "Photography" },
  { slug: "games", label: "Games" },
  { slug: "education", label: "Education" },
  { slug: "crafts", label: "Crafts & making" },
  { slug: "science", label: "Science & technology" },
  { slug: "news", label: "News & politics" },
] as const;

export type CreatorCategory = (typeof CREATOR_CATEGORIES)[number]["slug"];

export const CREATOR_CATEGORY_SLUGS = CREATOR_CATEGORIES.map((category) => category.slug) as [CreatorCategory, ...CreatorCategory[]];

export function categoryLabel(slug: string | null | undefined): string | undefined {
  return CREATOR_CATEGORIES.find((category) => category.slug === slug)?.label;
}

export function isCreatorCategory(slug: string | null | undefined): slug is CreatorCategory {
  return categoryLabel(slug) !== undefined;
}
