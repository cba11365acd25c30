// Explore: what Atelier puts in front of a reader who came to look around. New, Trending, Rising
// and a page per category (the fixed list creators pick from), each leaving out pages for adults
// only unless the viewer asked to see them (listing.ts).
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { creators } from "@/db/schema";
import { categoryLabel, CREATOR_CATEGORIES } from "@/lib/creator-categories";
import { exploreCategoryInput } from "@/lib/schemas/discovery";
import type { ServiceContext } from "../context";
import { decodeCursor, encodeCursor, exactTime, staleCursor } from "../keyset";
import { listPublishedAcross, type RecentPostCard } from "../posts/reads";
import { creatorCardColumns, listedCreatorsWhere, viewerSeesAdultPages, type CreatorCard } from "./listing";
import { listRisingCreators, type RisingCreator } from "./rising";
import { listTrendingPosts } from "./trending";

const NEW_POSTS = 8;
const TRENDING_POSTS = 6;
const RISING_CREATORS = 6;
/** A category page's creators, a page at a time, and its newest posts (the first page only). */
const CATEGORY_CREATORS = 24;
const CATEGORY_POSTS = 8;

export type Category = { slug: string; label: string };

export type Explore = {
  newPosts: RecentPostCard[];
  trending: RecentPostCard[];
  rising: RisingCreator[];
  categories: Category[];
};

export async function readExplore(ctx: ServiceContext): Promise<Explore> {
  const seesAdultPages = await viewerSeesAdultPages(ctx);
  const [newest, trending, rising] = await Promise.all([
    listPublishedAcross(ctx, { seesAdultPages, limit: NEW_POSTS }),
    listTrendingPosts(ctx, { seesAdultPages, limit: TRENDING_POSTS }),
    listRisingCreators(ctx, { seesAdultPages, limit: RISING_CREATORS }),
  ]);
  return { newPosts: newest.posts, trending, rising, categories: [...CREATOR_CATEGORIES] };
}

export type ExploreCategory = {
  category: Category;
  creators: CreatorCard[];
  /** The next page of the category's creators, or null at the end. */
  nextCursor: string | null;
  /** The newest posts of the category's creators; empty past the first page of creators. */
  posts: RecentPostCard[];
};

/** A category's page, or null for a category that is not on the list (the page is missing). */
export async function readExploreCategory(ctx: ServiceContext, input: z.input<typeof exploreCategoryInput>): Promise<ExploreCategory | null> {
  const { category: slug, cursor } = exploreCategoryInput.parse(input);
  const label = categoryLabel(slug);
  if (!label) return null;
  const [key, id] = cursor ? (decodeCursor(cursor) ?? []) : [];
  if (cursor && (typeof key !== "string" || typeof id !== "string")) throw staleCursor();
  const seesAdultPages = await viewerSeesAdultPages(ctx);
  const [rows, newest] = await Promise.all([
    // The newest pages first, through the category's index.
    ctx.db
      .select({ ...creatorCardColumns, key: exactTime(creators.createdAt) })
      .from(creators)
      .where(
        and(
          eq(creators.category, slug),
          listedCreatorsWhere(seesAdultPages),
          cursor ? sql`(${creators.createdAt}, ${creators.id}) < (${key as string}::timestamptz, ${id as string})` : undefined,
        ),
      )
      .orderBy(desc(creators.createdAt), desc(creators.id))
      .limit(CATEGORY_CREATORS + 1),
    cursor ? null : listPublishedAcross(ctx, { category: slug, seesAdultPages, limit: CATEGORY_POSTS }),
  ]);
  const page = rows.slice(0, CATEGORY_CREATORS);
  const last = page.at(-1);
  return {
    category: { slug, label },
    creators: page.map(({ key: _key, ...card }) => card),
    nextCursor: rows.length > CATEGORY_CREATORS && last ? encodeCursor([last.key, last.id]) : null,
    posts: newest?.posts ?? [],
  };
}
