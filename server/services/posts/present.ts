// The one output for gated content: a post's stored columns plus the access policy's answer for a
// viewer become what a channel may show. The page (HTML and RSC), tRPC lists, the feed, search,
// the sitemap, emails and page metadata all take their words from `presentPost`; none of them
// picks between body and teaser itself. Teasers are stored final at save time (derived.ts), so
// nothing here reads a post's document or decides what a teaser is.
import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { posts, tiers } from "@/db/schema";
import { cutText } from "@/lib/document/text";
import { formatMoney } from "@/lib/money";
import {
  cheapestQualifyingTier,
  decidePostVisibility,
  loadPostTierIds,
  needsTierIds,
  type AccessViewer,
  type PostVisibility,
} from "../access/policy";
import type { ServiceContext } from "../context";
import { EXCERPT_CHARS } from "./derived";
import type { PostRow } from "./store";

/** The stored output of a post. Lists read only the short columns; pages add the HTML they show. */
export type StoredOutput = Pick<PostRow, "excerpt" | "teaserText"> & Partial<Pick<PostRow, "html" | "plainText" | "teaserHtml">>;

export type PostOutput = {
  locked: boolean;
  /** A card's line: the body's excerpt with access, the start of the teaser's text without. */
  excerpt: string;
  /** The body, only with access (null too when the channel did not read it). */
  html: string | null;
  /** The teaser, only without access (maybe empty: the creator shows nothing). */
  teaserHtml: string | null;
  /** What the channel may quote or match: the body's plain text with access, the teaser's without. */
  text: string | null;
};

/**
 * What a channel may show of `row` to a viewer the policy gave `visibility`; null for a post that
 * must look missing. Fails closed: anything but "full" gets the teaser, and the teaser columns are
 * the only ones read for it.
 */
export function presentPost(row: StoredOutput, visibility: PostVisibility): PostOutput | null {
  if (visibility === "hidden") return null;
  if (visibility === "full") {
    return { locked: false, excerpt: row.excerpt, html: row.html ?? null, teaserHtml: null, text: row.plainText ?? null };
  }
  return {
    locked: true,
    excerpt: cutText(row.teaserText, EXCERPT_CHARS),
    html: null,
    teaserHtml: row.teaserHtml ?? null,
    text: row.teaserText,
  };
}

/** The columns a list needs: never the document or the rendered body. */
export const cardColumns = {
  id: posts.id,
  creatorId: posts.creatorId,
  title: posts.title,
  slug: posts.slug,
  status: posts.status,
  access: posts.access,
  publicAt: posts.publicAt,
  deletedAt: posts.deletedAt,
  excerpt: posts.excerpt,
  teaserText: posts.teaserText,
  wordCount: posts.wordCount,
  coverMediaId: posts.coverMediaId,
  publishedAt: posts.publishedAt,
  updatedAt: posts.updatedAt,
} as const;

export type CardRow = Pick<PostRow, keyof typeof cardColumns>;

/**
 * Published and not trashed, with the status as a literal: the partial indexes of published posts
 * (db/schema/posts.ts) carry the same condition, and a planner that sees only a parameter cannot
 * prove a plan it keeps may use them.
 */
export function publishedWhere() {
  return and(sql`${posts.status} = 'published'`, isNull(posts.deletedAt));
}

export type JoinTier = { id: string; name: string; monthlyPrice: number; currency: string; priceLabel: string };

type TierOption = { id: string; creatorId: string; name: string; monthlyPrice: number; currency: string; position: number };

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

export type PresentedCard = PostCard & { output: PostOutput };

/**
 * Rows → what `viewer` may see of them, in order; hidden rows are dropped. One query for the
 * selected tiers of tier-gated rows and one for the creators' tiers when anything is locked.
 * `output` carries whatever else of the row the channel read (HTML, plain text), as presented.
 */
export async function presentPosts(ctx: ServiceContext, rows: readonly (CardRow & StoredOutput)[], viewer: AccessViewer): Promise<PresentedCard[]> {
  const tierIds = await loadPostTierIds(ctx, rows.filter(needsTierIds).map((r) => r.id));
  const decided = rows.map((row) => {
    const facts = { ...row, tierIds: tierIds.get(row.id) };
    return { row, facts, output: presentPost(row, decidePostVisibility(facts, viewer, ctx.now)) };
  });
  const lockedCreators = decided.filter((d) => d.output?.locked).map((d) => d.row.creatorId);
  const options = await publishedTiersOf(ctx, lockedCreators);
  return decided.flatMap(({ row, facts, output }) => {
    if (!output) return [];
    const joinTier = output.locked ? cheapestQualifyingTier(facts, options.filter((t) => t.creatorId === row.creatorId)) : null;
    return [
      {
        id: row.id,
        creatorId: row.creatorId,
        title: row.title,
        slug: row.slug,
        status: row.status,
        access: row.access,
        excerpt: output.excerpt,
        wordCount: row.wordCount,
        coverMediaId: row.coverMediaId,
        publishedAt: row.publishedAt,
        updatedAt: row.updatedAt,
        locked: output.locked,
        publicAt: row.access === "early_access" ? row.publicAt : null,
        joinTier: joinTierOf(joinTier),
        output,
      },
    ];
  });
}
