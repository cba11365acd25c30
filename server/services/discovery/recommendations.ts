// Creators recommending creators. A creator keeps a short ordered list of others, each with a line
// saying why; fans see it on the creator's page, on the welcome step after joining and in the
// welcome email. Every link goes through /api/recommendation/{id}, which counts the click and
// carries the recommendation to the join page, so both creators see the clicks and joins each
// one brought. "Fans also support" is computed, never chosen: creators whose members overlap
// this creator's by at least FANS_ALSO_SUPPORT_MIN people, so no one fan can be inferred from it.
import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { creators, memberships, recommendations } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import {
  addRecommendationInput,
  followInput,
  MAX_RECOMMENDATIONS,
  removeRecommendationInput,
  reorderRecommendationsInput,
  updateRecommendationInput,
} from "@/lib/schemas/discovery";
import { creatorPagesChanged } from "../../cache/pages";
import type { Tx } from "../memberships/payments/ledger";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";

/** At least this many people must be members of both creators before one is shown beside the other. */
export const FANS_ALSO_SUPPORT_MIN = 5;

/** A recommended creator as a fan sees it. */
export type RecommendationCard = { id: string; reason: string; creator: { id: string; handle: string; displayName: string; tagline: string } };

/** A recommendation with what it brought, as either creator sees it in the studio. */
export type RecommendationStats = RecommendationCard & { clicks: number; freeJoins: number; paidJoins: number };

/** The address every recommendation link goes through (counted, then on to the creator). */
export function recommendationHref(id: string, from?: "welcome" | "email"): string {
  return `/api/recommendation/${id}${from ? `?from=${from}` : ""}`;
}

const cardColumns = {
  id: recommendations.id,
  reason: recommendations.reason,
  creator: { id: creators.id, handle: creators.handle, displayName: creators.displayName, tagline: creators.tagline },
};

/** Whom a creator recommends, in their order: what their page, welcome step and email show. */
export async function recommendationsOf(db: Db, creatorId: string): Promise<RecommendationCard[]> {
  return db
    .select(cardColumns)
    .from(recommendations)
    .innerJoin(creators, eq(creators.id, recommendations.recommendedId))
    .where(eq(recommendations.creatorId, creatorId))
    .orderBy(asc(recommendations.position), asc(recommendations.createdAt));
}

/** The joins credited to each of these recommendations, free and paid (a paid tier's price, then or now). */
async function joinsOf(db: Db, ids: readonly string[]): Promise<Map<string, { free: number; paid: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: memberships.attributedRecommendationId, paid: sql<boolean>`${memberships.price} > 0`, n: count() })
    .from(memberships)
    .where(and(isNotNull(memberships.attributedRecommendationId), inArray(memberships.attributedRecommendationId, [...ids])))
    .groupBy(memberships.attributedRecommendationId, sql`${memberships.price} > 0`);
  const joins = new Map<string, { free: number; paid: number }>();
  for (const row of rows) {
    const entry = joins.get(row.id!) ?? { free: 0, paid: 0 };
    if (row.paid) entry.paid += row.n;
    else entry.free += row.n;
    joins.set(row.id!, entry);
  }
  return joins;
}

async function withStats(db: Db, cards: (RecommendationCard & { clicks: number })[]): Promise<RecommendationStats[]> {
  const joins = await joinsOf(
    db,
    cards.map((card) => card.id),
  );
  return cards.map((card) => ({ ...card, freeJoins: joins.get(card.id)?.free ?? 0, paidJoins: joins.get(card.id)?.paid ?? 0 }));
}

export type StudioRecommendations = {
  /** Whom the creator recommends, in order, with what each brought them. */
  mine: RecommendationStats[];
  /** Who recommends the creator, and what each recommendation brought. */
  ofMe: RecommendationStats[];
  max: number;
};

export async function studioRecommendations(ctx: ServiceContext): Promise<StudioRecommendations> {
  const own = await requireOwnCreator(ctx);
  const mine = await ctx.db
    .select({ ...cardColumns, clicks: recommendations.clicks })
    .from(recommendations)
    .innerJoin(creators, eq(creators.id, recommendations.recommendedId))
    .where(eq(recommendations.creatorId, own.id))
    .orderBy(asc(recommendations.position), asc(recommendations.createdAt));
  const ofMe = await ctx.db
    .select({ ...cardColumns, clicks: recommendations.clicks })
    .from(recommendations)
    .innerJoin(creators, eq(creators.id, recommendations.creatorId))
    .where(eq(recommendations.recommendedId, own.id))
    .orderBy(desc(recommendations.clicks), asc(recommendations.createdAt));
  return { mine: await withStats(ctx.db, mine), ofMe: await withStats(ctx.db, ofMe), max: MAX_RECOMMENDATIONS };
}

export async function addRecommendation(ctx: ServiceContext, input: z.input<typeof addRecommendationInput>): Promise<{ id: string }> {
  const own = await requireOwnCreator(ctx);
  const data = addRecommendationInput.parse(input);
  const handle = data.handle.replace(/^@/, "").toLowerCase();
  const [target] = await ctx.db.select({ id: creators.id }).from(creators).where(eq(creators.handle, handle)).limit(1);
  if (!target) throw new AppError(AppErrorCode.NOT_FOUND, `No creator has the handle @${handle}.`, { field: "handle" });
  if (target.id === own.id) throw new AppError(AppErrorCode.INVALID_INPUT, "Recommend other creators: your page is already yours.", { field: "handle" });
  const id = await ctx.db.transaction(async (tx) => {
    // The creator's row, locked: two adds at once cannot both take the last place.
    await tx.select({ id: creators.id }).from(creators).where(eq(creators.id, own.id)).for("update");
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(recommendations).where(eq(recommendations.creatorId, own.id));
    const [existing] = await tx
      .select({ id: recommendations.id })
      .from(recommendations)
      .where(and(eq(recommendations.creatorId, own.id), eq(recommendations.recommendedId, target.id)));
    if (existing) throw new AppError(AppErrorCode.ALREADY_EXISTS, `You already recommend @${handle}.`, { field: "handle" });
    if (n >= MAX_RECOMMENDATIONS) {
      throw new AppError(AppErrorCode.INVALID_INPUT, `You recommend ${MAX_RECOMMENDATIONS} creators already: remove one to add another.`, { field: "handle" });
    }
    const [created] = await tx
      .insert(recommendations)
      .values({ creatorId: own.id, recommendedId: target.id, reason: data.reason, position: n, createdAt: ctx.now })
      .returning({ id: recommendations.id });
    return created!.id;
  });
  await creatorPagesChanged(ctx.db, own.id);
  return { id };
}

async function ownRecommendation(ctx: ServiceContext, id: string) {
  const own = await requireOwnCreator(ctx);
  const [row] = await ctx.db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.id, id), eq(recommendations.creatorId, own.id)));
  // Another creator's recommendation is as missing as one that never was.
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, "This recommendation no longer exists.");
  return own;
}

export async function updateRecommendation(ctx: ServiceContext, input: z.input<typeof updateRecommendationInput>): Promise<void> {
  const { id, reason } = updateRecommendationInput.parse(input);
  const own = await ownRecommendation(ctx, id);
  await ctx.db.update(recommendations).set({ reason }).where(eq(recommendations.id, id));
  await creatorPagesChanged(ctx.db, own.id);
}

export async function removeRecommendation(ctx: ServiceContext, input: z.input<typeof removeRecommendationInput>): Promise<void> {
  const { id } = removeRecommendationInput.parse(input);
  const own = await ownRecommendation(ctx, id);
  await ctx.db.delete(recommendations).where(eq(recommendations.id, id));
  await creatorPagesChanged(ctx.db, own.id);
}

/** Puts the creator's recommendations in the order given; it must name each of them once. */
export async function reorderRecommendations(ctx: ServiceContext, input: z.input<typeof reorderRecommendationsInput>): Promise<void> {
  const own = await requireOwnCreator(ctx);
  const { ids } = reorderRecommendationsInput.parse(input);
  await ctx.db.transaction(async (tx) => {
    const current = await tx.select({ id: recommendations.id }).from(recommendations).where(eq(recommendations.creatorId, own.id)).for("update");
    const known = new Set(current.map((row) => row.id));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw new AppError(AppErrorCode.CONFLICT, "Your recommendations changed in another tab: reload to see them.");
    }
    for (const [position, id] of ids.entries()) await tx.update(recommendations).set({ position }).where(eq(recommendations.id, id));
  });
  await creatorPagesChanged(ctx.db, own.id);
}

/**
 * A fan followed a recommendation: counted when `counted` (the caller leaves out bots and
 * prefetches), and the address to send them on to, which carries the recommendation to the
 * creator's join page. Null for a recommendation that no longer exists.
 */
export async function followRecommendation(db: Db, id: string, counted: boolean): Promise<string | null> {
  const [row] = await db
    .select({ handle: creators.handle })
    .from(recommendations)
    .innerJoin(creators, eq(creators.id, recommendations.recommendedId))
    .where(eq(recommendations.id, id));
  if (!row) return null;
  if (counted) await db.update(recommendations).set({ clicks: sql`${recommendations.clicks} + 1` }).where(eq(recommendations.id, id));
  return `/${row.handle}?src=recommendation&rec=${encodeURIComponent(id)}`;
}

/**
 * The recommendation a join is credited to: one that exists and recommends the creator joined.
 * NOTE: the id comes from the page's address; a wrong one never turns a join into an error.
 */
export async function attributableRecommendationId(tx: Tx | Db, id: string | null | undefined, creatorId: string): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.id, id), eq(recommendations.recommendedId, creatorId)));
  return row?.id ?? null;
}

/** Creators who recommend this one: their pages show its name, so they change with it. */
export async function recommendersOf(db: Db, creatorId: string): Promise<string[]> {
  const rows = await db.select({ id: recommendations.creatorId }).from(recommendations).where(eq(recommendations.recommendedId, creatorId));
  return rows.map((row) => row.id);
}

export type AlsoSupported = { id: string; handle: string; displayName: string; tagline: string };

/**
 * Creators whose current members include at least FANS_ALSO_SUPPORT_MIN of this creator's, most
 * shared first. Counts only: no member is named, and below the threshold nothing is shown.
 */
export async function fansAlsoSupport(db: Db, creatorId: string, limit = 4): Promise<AlsoSupported[]> {
  const theirs = alias(memberships, "theirs");
  const shared = count();
  const rows = await db
    .select({ id: creators.id, handle: creators.handle, displayName: creators.displayName, tagline: creators.tagline, shared })
    .from(memberships)
    // NOTE: "expired" as a literal, the condition of the live-membership index (db/schema/memberships.ts):
    // a planner that sees a parameter cannot use it.
    .innerJoin(theirs, and(eq(theirs.userId, memberships.userId), ne(theirs.creatorId, memberships.creatorId), sql`${theirs.status} <> 'expired'`))
    .innerJoin(creators, eq(creators.id, theirs.creatorId))
    .where(and(eq(memberships.creatorId, creatorId), sql`${memberships.status} <> 'expired'`))
    .groupBy(creators.id)
    .having(gte(shared, FANS_ALSO_SUPPORT_MIN))
    .orderBy(desc(shared), asc(creators.handle))
    .limit(limit);
  return rows.map(({ id, handle, displayName, tagline }) => ({ id, handle, displayName, tagline }));
}

/** What a creator's page shows beside their posts: whom they recommend, and whom their fans also support. */
export async function shownWith(ctx: ServiceContext, input: z.input<typeof followInput>): Promise<{ recommendations: RecommendationCard[]; alsoSupport: AlsoSupported[] }> {
  const { creatorId } = followInput.parse(input);
  const [recommended, alsoSupport] = await Promise.all([recommendationsOf(ctx.db, creatorId), fansAlsoSupport(ctx.db, creatorId)]);
  return { recommendations: recommended, alsoSupport };
}
