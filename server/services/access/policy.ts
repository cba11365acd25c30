// The one access policy: what a viewer may see of a post. Every channel asks here; deny is the
// default, and anything not explicitly granted falls through to "hidden" or "teaser".
import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { memberships, postTiers, posts, tiers, type membershipStatus, type postAccess, type postStatus } from "@/db/schema";
import type { ServiceContext } from "../context";
import { getOwnCreator } from "../creators";

export type PostAccessFacts = {
  creatorId: string;
  status: (typeof postStatus.enumValues)[number];
  access: (typeof postAccess.enumValues)[number];
  deletedAt?: Date | null;
  /** For `early_access`: when the post opens to everyone. */
  publicAt?: Date | null;
  /** For `tiers` and `early_access`: the tiers that may read it. Missing means none. */
  tierIds?: readonly string[];
};

/** One membership as the policy needs it: whose, which tier, whether paid, and its state. */
export type Entitlement = {
  creatorId: string;
  tierId: string;
  /** The tier's current price is above zero: a paid tier. */
  paid: boolean;
  status: (typeof membershipStatus.enumValues)[number];
  currentPeriodEnd: Date | null;
};

export type AccessViewer = {
  userId: string;
  /** The creator page this viewer owns, if any. */
  creatorId: string | null;
  /** Every non-expired membership of the viewer, read for this request; liveness is judged per decision. */
  entitlements: readonly Entitlement[];
} | null;

/**
 * - `hidden`: behave exactly as if the post did not exist (404), never hint that it does.
 * - `teaser`: the post exists for this viewer, but its body does not.
 * - `full`: the whole post.
 */
export type PostVisibility = "hidden" | "teaser" | "full";

/**
 * A renewal that failed leaves the membership `past_due`. Its member keeps access for this long
 * after the period end while the payment is retried, then loses it even if no job has run yet.
 */
export const PAST_DUE_GRACE_MS = 3 * 24 * 60 * 60 * 1000;

/** Whether a membership grants access at `now`. Expired never does; a period end is a hard stop. */
export function isEntitlementLive(entitlement: Pick<Entitlement, "status" | "currentPeriodEnd">, now: Date): boolean {
  const { status, currentPeriodEnd } = entitlement;
  if (status === "expired") return false;
  // NOTE: free memberships have no period: they last until the member leaves.
  if (currentPeriodEnd === null) return status === "active" || status === "cancelling";
  const end = currentPeriodEnd.getTime();
  if (status === "past_due") return now.getTime() < end + PAST_DUE_GRACE_MS;
  return now.getTime() < end;
}

/** The viewer's live membership with this creator, if any (at most one is live per creator). */
export function liveEntitlement(viewer: AccessViewer, creatorId: string, now: Date): Entitlement | null {
  if (!viewer) return null;
  return viewer.entitlements.find((e) => e.creatorId === creatorId && isEntitlementLive(e, now)) ?? null;
}

export function decidePostVisibility(post: PostAccessFacts, viewer: AccessViewer, now: Date): PostVisibility {
  // CASE: the creator sees everything of their own, in every state.
  if (viewer?.creatorId && viewer.creatorId === post.creatorId) return "full";
  // CASE: drafts, scheduled, archived and deleted posts are indistinguishable from missing ones.
  if (post.status !== "published" || post.deletedAt) return "hidden";
  if (post.access === "public") return "full";
  const membership = liveEntitlement(viewer, post.creatorId, now);
  const inSelectedTier = membership !== null && (post.tierIds ?? []).includes(membership.tierId);
  switch (post.access) {
    case "members":
      return membership ? "full" : "teaser";
    case "paid":
      return membership?.paid ? "full" : "teaser";
    case "tiers":
      return inSelectedTier ? "full" : "teaser";
    case "early_access":
      // CASE: without a date the post stays with its tiers: an unset date never opens it.
      if (post.publicAt && now.getTime() >= post.publicAt.getTime()) return "full";
      return inSelectedTier ? "full" : "teaser";
    default:
      // A new access level without a rule never leaks its body.
      return "teaser";
  }
}

/** The tiers whose members could read a post: the join prompt offers the cheapest of them. */
export function qualifiesForPost<T extends { id: string; monthlyPrice: number }>(
  post: Pick<PostAccessFacts, "access" | "tierIds">,
  tier: T,
): boolean {
  switch (post.access) {
    case "public":
    case "members":
      return true;
    case "paid":
      return tier.monthlyPrice > 0;
    case "tiers":
    case "early_access":
      return (post.tierIds ?? []).includes(tier.id);
    default:
      return false;
  }
}

/** Of `candidates` (published tiers), the cheapest one that would unlock the post. */
export function cheapestQualifyingTier<T extends { id: string; monthlyPrice: number; position: number }>(
  post: Pick<PostAccessFacts, "access" | "tierIds">,
  candidates: readonly T[],
): T | null {
  const qualifying = candidates.filter((tier) => qualifiesForPost(post, tier));
  qualifying.sort((a, b) => a.monthlyPrice - b.monthlyPrice || a.position - b.position);
  return qualifying[0] ?? null;
}

/**
 * Everything the policy needs to know about the viewer, read fresh for every request: never kept
 * past it, so a lapsed or downgraded membership stops granting on the next request. A request's
 * viewer normally carries it, read in the same statement as their session; otherwise (jobs,
 * tests) one query for the viewer's own page (skipped when the caller already has it) and one for
 * their memberships, with each tier's price joined in.
 */
export async function loadAccessViewer(ctx: ServiceContext): Promise<AccessViewer> {
  if (!ctx.viewer) return null;
  // Read with the session at the start of the request (server/auth/session-viewer.ts).
  if (ctx.viewer.access) return { userId: ctx.viewer.userId, ...ctx.viewer.access };
  const [own, rows] = await Promise.all([
    getOwnCreator(ctx),
    ctx.db
      .select({
        creatorId: memberships.creatorId,
        tierId: memberships.tierId,
        tierPrice: tiers.monthlyPrice,
        status: memberships.status,
        currentPeriodEnd: memberships.currentPeriodEnd,
      })
      .from(memberships)
      .innerJoin(tiers, eq(tiers.id, memberships.tierId))
      .where(and(eq(memberships.userId, ctx.viewer.userId), ne(memberships.status, "expired"))),
  ]);
  return {
    userId: ctx.viewer.userId,
    creatorId: own?.id ?? null,
    entitlements: rows.map(({ tierPrice, ...row }) => ({ ...row, paid: tierPrice > 0 })),
  };
}

/** The selected tiers of each of `postIds` (only gated levels need them). */
export async function loadPostTierIds(ctx: ServiceContext, postIds: readonly string[]): Promise<Map<string, string[]>> {
  const byPost = new Map<string, string[]>();
  if (postIds.length === 0) return byPost;
  const rows = await ctx.db
    .select({ postId: postTiers.postId, tierId: postTiers.tierId })
    .from(postTiers)
    .where(inArray(postTiers.postId, [...postIds]));
  for (const row of rows) byPost.set(row.postId, [...(byPost.get(row.postId) ?? []), row.tierId]);
  return byPost;
}

/** Posts whose level depends on their selected tiers. */
export function needsTierIds(post: Pick<PostAccessFacts, "access">): boolean {
  return post.access === "tiers" || post.access === "early_access";
}

/** The columns of a post the policy decides on (its tiers are read apart, when its level needs them). */
export const accessFactColumns = {
  creatorId: posts.creatorId,
  status: posts.status,
  access: posts.access,
  deletedAt: posts.deletedAt,
  publicAt: posts.publicAt,
};

/** Of `postIds`, the ones whose whole body this viewer may read (for media, feeds, exports). */
export async function readablePostIds(ctx: ServiceContext, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await ctx.db
    .select({ id: posts.id, ...accessFactColumns })
    .from(posts)
    .where(inArray(posts.id, [...postIds]));
  return readableOf(ctx, rows);
}

/** Of these posts, their access facts already read, the ids whose whole body this viewer may read. */
export async function readableOf(ctx: ServiceContext, rows: readonly (PostAccessFacts & { id: string })[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const [viewer, tierIds] = await Promise.all([loadAccessViewer(ctx), loadPostTierIds(ctx, rows.filter(needsTierIds).map((row) => row.id))]);
  return new Set(
    rows
      .filter((row) => decidePostVisibility({ ...row, tierIds: tierIds.get(row.id) }, viewer, ctx.now) === "full")
      .map((row) => row.id),
  );
}

/**
 * A made-up viewer for the studio's "View as": anonymous, or a member of one tier. It goes through
 * the same decision as real viewers, so the preview cannot drift from what they get.
 */
export function previewViewer(creatorId: string, tier: { id: string; monthlyPrice: number } | null): AccessViewer {
  if (!tier) return null;
  return {
    userId: "preview",
    creatorId: null,
    entitlements: [{ creatorId, tierId: tier.id, paid: tier.monthlyPrice > 0, status: "active", currentPeriodEnd: null }],
  };
}
