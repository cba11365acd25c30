// Posts, the reader's side: every read a viewer makes goes through the access policy here,
// so a body, an excerpt or a teaser leaves only when the policy says so. Lists, feeds, search and
// the sitemap share `presentPosts`, the one place that turns rows into what a viewer may see.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { creators, posts, postSlugs, tiers } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import {
  cheapestQualifyingTier,
  decidePostVisibility,
  loadAccessViewer,
  loadPostTierIds,
  needsTierIds,
  type AccessViewer,
  type PostVisibility,
} from "../access/policy";
import type { ServiceContext } from "../context";
import { paragraphsHtml } from "./derived";

type PostRow = typeof posts.$inferSelect;

/** The columns a list needs: never the document or the rendered body. */
const cardColumns = {
  id: posts.id,
  creatorId: posts.creatorId,
  title: posts.title,
  slug: posts.slug,
  status: posts.status,
  access: posts.access,
  publicAt: posts.publicAt,
  deletedAt: posts.deletedAt,
  excerpt: posts.excerpt,
  teaserMode: posts.teaserMode,
  previewText: posts.previewText,
  teaserHtml: posts.teaserHtml,
  hasPaywallBreak: sql<boolean>`${posts.document} @? '$.content[*] ? (@.type == "paywallBreak")'`,
  wordCount: posts.wordCount,
  coverMediaId: posts.coverMediaId,
  publishedAt: posts.publishedAt,
  updatedAt: posts.updatedAt,
} as const;

type CardRow = Pick<PostRow, Exclude<keyof typeof cardColumns, "hasPaywallBreak">> & { hasPaywallBreak: boolean };

export type JoinTier = { id: string; name: string; monthlyPrice: number; currency: string; priceLabel: string };

type TierOption = { id: string; creatorId: string; name: string; monthlyPrice: number; currency: string; position: number };

function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " })[e] ?? " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What viewers without access see, by the creator's choice: the part above the paywall break
 * (rendered at save time into teaserHtml), the preview text, or nothing. Fails closed: an `auto`
 * post without a break shows its preview text or nothing, never the start of its body, since the
 * stored teaserHtml then falls back to the body's excerpt.
 */
export function teaserOf(post: Pick<CardRow, "teaserMode" | "previewText" | "teaserHtml" | "hasPaywallBreak">): { html: string; text: string } {
  if (post.teaserMode === "auto" && post.hasPaywallBreak) return { html: post.teaserHtml, text: htmlToText(post.teaserHtml) };
  if (post.teaserMode === "none") return { html: "", text: "" };
  const text = post.previewText.trim();
  return { html: text ? paragraphsHtml(text) : "", text: text.replace(/\s+/g, " ") };
}

function cut(text: string, max = 280): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function joinTierOf(tier: TierOption | null): JoinTier | null {
  if (!tier) return null;
  return {
    id: tier.id,
    name: tier.name,
    monthlyPrice: tier.monthlyPrice,
    currency: tier.currency,
    priceLabel: formatMoney(tier.monthlyPrice, tier.currency, { freeLabel: "Free" }),
  };
}

async function publishedTiersOf(ctx: ServiceContext, creatorIds: readonly string[]): Promise<TierOption[]> {
  if (creatorIds.length === 0) return [];
  return ctx.db
    .select({ id: tiers.id, creatorId: tiers.creatorId, name: tiers.name, monthlyPrice: tiers.monthlyPrice, currency: tiers.currency, position: tiers.position })
    .from(tiers)
    .where(and(inArray(tiers.creatorId, [...new Set(creatorIds)]), eq(tiers.status, "published")))
    .orderBy(asc(tiers.position));
}

export type PostCard = {
  id: string;
  creatorId: string;
  title: string;
  slug: string;
  status: PostRow["status"];
  access: PostRow["access"];
  /** The body's excerpt with access; the teaser's text without. */
  excerpt: string;
  wordCount: number;
  coverMediaId: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  locked: boolean;
  /** For early access: when it opens to everyone. */
  publicAt: Date | null;
  /** The cheapest published tier that would unlock a locked post. */
  joinTier: JoinTier | null;
};

/**
 * Rows → what `viewer` may see of them, in order; hidden rows are dropped. One query for the
 * selected tiers of tier-gated rows and one for the creators' tiers when anything is locked.
 */
export async function presentPosts(ctx: ServiceContext, rows: readonly CardRow[], viewer: AccessViewer): Promise<(PostCard & { visibility: PostVisibility })[]> {
  const tierIds = await loadPostTierIds(ctx, rows.filter(needsTierIds).map((r) => r.id));
  const decided = rows.map((row) => {
    const facts = { ...row, tierIds: tierIds.get(row.id) };
    return { row, facts, visibility: decidePostVisibility(facts, viewer, ctx.now) };
  });
  const lockedCreators = decided.filter((d) => d.visibility === "teaser").map((d) => d.row.creatorId);
  const options = await publishedTiersOf(ctx, lockedCreators);
  return decided.flatMap(({ row, facts, visibility }) => {
    if (visibility === "hidden") return [];
    const locked = visibility !== "full";
    const joinTier = locked ? cheapestQualifyingTier(facts, options.filter((t) => t.creatorId === row.creatorId)) : null;
    return [
      {
        id: row.id,
        creatorId: row.creatorId,
        title: row.title,
        slug: row.slug,
        status: row.status,
        access: row.access,
        excerpt: locked ? cut(teaserOf(row).text) : row.excerpt,
        wordCount: row.wordCount,
        coverMediaId: row.coverMediaId,
        publishedAt: row.publishedAt,
        updatedAt: row.updatedAt,
        locked,
        publicAt: row.access === "early_access" ? row.publicAt : null,
        joinTier: joinTierOf(joinTier),
        visibility,
      },
    ];
  });
}

export type ReadablePost = Omit<PostCard, "creatorId"> & {
  /** Present only when the policy grants the whole post. */
  html: string | null;
  /** Present only when the body is withheld: what the creator chose to show instead. */
  teaserHtml: string | null;
  creator: { id: string; handle: string; displayName: string };
};

/** A post as this viewer may see it, or null when it must look missing. */
export async function getReadablePost(ctx: ServiceContext, handle: string, slug: string): Promise<ReadablePost | null> {
  const [row] = await ctx.db
    .select({ post: { ...cardColumns, html: posts.html }, creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName } })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(and(eq(creators.handle, handle.toLowerCase()), eq(posts.slug, slug)))
    .limit(1);
  if (!row) return null;
  return presentOne(ctx, row.post, row.creator);
}

/** A post by id, for studio previews and channels that already know the id. */
export async function getReadablePostById(
  ctx: ServiceContext,
  postId: string,
  viewer?: AccessViewer,
  options: { asPublished?: boolean } = {},
): Promise<ReadablePost | null> {
  const [row] = await ctx.db
    .select({ post: { ...cardColumns, html: posts.html }, creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName } })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(eq(posts.id, postId))
    .limit(1);
  if (!row) return null;
  // Previews show a draft as readers will get it once published; deleted posts stay missing.
  const post = options.asPublished && !row.post.deletedAt ? { ...row.post, status: "published" as const } : row.post;
  return presentOne(ctx, post, row.creator, viewer);
}

async function presentOne(
  ctx: ServiceContext,
  post: CardRow & { html: string },
  creator: ReadablePost["creator"],
  viewer?: AccessViewer,
): Promise<ReadablePost | null> {
  const [card] = await presentPosts(ctx, [post], viewer === undefined ? await loadAccessViewer(ctx) : viewer);
  if (!card) return null;
  const { creatorId: _creatorId, visibility, ...rest } = card;
  const teaser = visibility === "full" ? null : teaserOf(post).html;
  return { ...rest, html: visibility === "full" ? post.html : null, teaserHtml: teaser, creator };
}

/**
 * Where an old slug of a post now lives: its current slug, when this viewer may see the post at
 * all. Otherwise null, so an old link to a draft or deleted post looks missing like any other.
 */
export async function findSlugRedirect(ctx: ServiceContext, handle: string, slug: string): Promise<string | null> {
  const [row] = await ctx.db
    .select({ post: { ...cardColumns, html: posts.html }, creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName } })
    .from(postSlugs)
    .innerJoin(creators, eq(creators.id, postSlugs.creatorId))
    .innerJoin(posts, eq(posts.id, postSlugs.postId))
    .where(and(eq(creators.handle, handle.toLowerCase()), eq(postSlugs.slug, slug)))
    .limit(1);
  if (!row || row.post.slug === slug) return null;
  const visible = await presentOne(ctx, row.post, row.creator);
  return visible ? visible.slug : null;
}

function publishedWhere() {
  return and(eq(posts.status, "published"), isNull(posts.deletedAt));
}

/** Published posts of a creator for their public page; bodies never leave here. */
export async function listPublishedPosts(ctx: ServiceContext, creatorId: string, limit = 20): Promise<PostCard[]> {
  const rows = await ctx.db
    .select(cardColumns)
    .from(posts)
    .where(and(eq(posts.creatorId, creatorId), publishedWhere()))
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
  const cards = await presentPosts(ctx, rows, await loadAccessViewer(ctx));
  return cards.map(({ visibility: _visibility, ...card }) => card);
}

export type RecentPostCard = PostCard & { handle: string; displayName: string };

/** Recent published posts across creators, for the explore page. */
export async function listRecentPublished(ctx: ServiceContext, limit = 20): Promise<RecentPostCard[]> {
  const rows = await ctx.db
    .select({ ...cardColumns, handle: creators.handle, displayName: creators.displayName })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(publishedWhere())
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const cards = await presentPosts(ctx, rows, await loadAccessViewer(ctx));
  return cards.map(({ visibility: _visibility, ...card }) => ({
    ...card,
    handle: byId.get(card.id)!.handle,
    displayName: byId.get(card.id)!.displayName,
  }));
}

export { cardColumns, publishedWhere };
