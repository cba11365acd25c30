// Membership tiers: the creator shapes them in the studio (create, edit, reorder, publish,
// archive); fans see the published ones with their remaining places, and a join takes a place
// with the tier locked.
import "server-only";
import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, tiers } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { createTierInput, reorderTiersInput, updateTierInput, type TierFieldsInput } from "@/lib/schemas/tier";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { requireOwnCoverImage } from "../media/files";
import type { Tx } from "./payments/ledger";
import { creatorPagesChanged } from "../../cache/pages";

export type TierRow = typeof tiers.$inferSelect;

export type TierWithPlaces = TierRow & {
  /** Members holding the tier now (live, not expired). */
  memberCount: number;
  /** Places left under the cap; null when the tier has no cap. */
  remaining: number | null;
};

function tierNotFound(): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, "This tier does not exist.");
}

/** What a fan hears about a tier that is missing, unpublished, archived or another creator's. */
export function tierNotJoinable(): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, "This tier is not open for joining.", { field: "tierId" });
}

/**
 * What a tier costs a member who is billed every `interval`, when they move to it or renew into
 * it: a tier without an annual price bills a year member twelve months.
 */
export function priceForInterval(tier: Pick<TierRow, "monthlyPrice" | "annualPrice">, interval: "month" | "year"): number {
  return interval === "year" ? (tier.annualPrice ?? tier.monthlyPrice * 12) : tier.monthlyPrice;
}

/** A tier's cover is shown to everyone once the tier is published: only the creator's own image. */
async function checkCover(ctx: ServiceContext, creatorId: string, data: TierFieldsInput) {
  if (data.coverMediaId) await requireOwnCoverImage(ctx.db, creatorId, data.coverMediaId);
}

function checkPrices(data: TierFieldsInput) {
  if (data.annualPrice != null && data.monthlyPrice === 0 && data.annualPrice > 0) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "A free tier cannot have an annual price.", { field: "annualPrice" });
  }
}

/**
 * Members holding each tier: every membership not yet ended, the number shown as places left and
 * the one a cap is compared with. A period that ran out still holds its place until the renewal
 * job renews or ends it, so a renewal never takes a tier past its cap.
 */
async function memberCounts(db: Db | Tx, tierIds: readonly string[]): Promise<Map<string, number>> {
  if (tierIds.length === 0) return new Map();
  const rows = await db
    .select({ tierId: memberships.tierId, n: count() })
    .from(memberships)
    .where(and(inArray(memberships.tierId, [...tierIds]), ne(memberships.status, "expired")))
    .groupBy(memberships.tierId);
  return new Map(rows.map((row) => [row.tierId, row.n]));
}

function withPlaces(rows: TierRow[], counts: Map<string, number>): TierWithPlaces[] {
  return rows.map((tier) => {
    const memberCount = counts.get(tier.id) ?? 0;
    return { ...tier, memberCount, remaining: tier.memberCap === null ? null : Math.max(0, tier.memberCap - memberCount) };
  });
}

export async function listOwnTiers(ctx: ServiceContext): Promise<TierWithPlaces[]> {
  const creator = await requireOwnCreator(ctx);
  const rows = await ctx.db.select().from(tiers).where(eq(tiers.creatorId, creator.id)).orderBy(asc(tiers.position), asc(tiers.createdAt));
  return withPlaces(rows, await memberCounts(ctx.db, rows.map((t) => t.id)));
}

/** The tiers a fan may join: published only, in the creator's order. */
export async function listPublishedTiers(ctx: ServiceContext, creatorId: string): Promise<TierWithPlaces[]> {
  const rows = await ctx.db
    .select()
    .from(tiers)
    .where(and(eq(tiers.creatorId, creatorId), eq(tiers.status, "published")))
    .orderBy(asc(tiers.position), asc(tiers.createdAt));
  return withPlaces(rows, await memberCounts(ctx.db, rows.map((t) => t.id)));
}

async function ownTier(ctx: ServiceContext, id: string): Promise<TierRow> {
  const creator = await requireOwnCreator(ctx);
  const tier = await ctx.db.query.tiers.findFirst({ where: and(eq(tiers.id, id), eq(tiers.creatorId, creator.id)) });
  if (!tier) throw tierNotFound();
  return tier;
}

export async function createTier(ctx: ServiceContext, input: z.input<typeof createTierInput>): Promise<TierRow> {
  const creator = await requireOwnCreator(ctx);
  const data = createTierInput.parse(input);
  checkPrices(data);
  await checkCover(ctx, creator.id, data);
  const [last] = await ctx.db
    .select({ max: sql<number | null>`max(${tiers.position})` })
    .from(tiers)
    .where(eq(tiers.creatorId, creator.id));
  const [tier] = await ctx.db
    .insert(tiers)
    .values({
      ...data,
      creatorId: creator.id,
      currency: creator.currency,
      position: (last?.max ?? -1) + 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await creatorPagesChanged(ctx.db, creator.id);
  return tier!;
}

/**
 * Edits a tier. A new price applies to people who join from now on: each membership keeps the
 * price it was sold at (memberships.price), so nobody's bill changes under them.
 */
export async function updateTier(ctx: ServiceContext, input: z.input<typeof updateTierInput>): Promise<TierRow> {
  const { id, ...data } = updateTierInput.parse(input);
  const tier = await ownTier(ctx, id);
  checkPrices(data);
  await checkCover(ctx, tier.creatorId, data);
  if (tier.status !== "draft" && (tier.monthlyPrice === 0) !== (data.monthlyPrice === 0)) {
    throw new AppError(
      AppErrorCode.INVALID_INPUT,
      tier.monthlyPrice === 0
        ? "A published free tier stays free. Create a paid tier instead."
        : "A published paid tier cannot become free. Create a free tier instead.",
      { field: "monthlyPrice" },
    );
  }
  const [updated] = await ctx.db.update(tiers).set({ ...data, updatedAt: ctx.now }).where(eq(tiers.id, tier.id)).returning();
  // Tier names and prices show on the creator's page and on their gated posts' invitations.
  await creatorPagesChanged(ctx.db, tier.creatorId);
  return updated!;
}

export async function publishTier(ctx: ServiceContext, id: string): Promise<TierRow> {
  const tier = await ownTier(ctx, id);
  const [updated] = await ctx.db.update(tiers).set({ status: "published", updatedAt: ctx.now }).where(eq(tiers.id, tier.id)).returning();
  await creatorPagesChanged(ctx.db, tier.creatorId);
  return updated!;
}

/** Archived tiers take no new members; the people already in them keep their membership. */
export async function archiveTier(ctx: ServiceContext, id: string): Promise<TierRow> {
  const tier = await ownTier(ctx, id);
  const [updated] = await ctx.db.update(tiers).set({ status: "archived", updatedAt: ctx.now }).where(eq(tiers.id, tier.id)).returning();
  await creatorPagesChanged(ctx.db, tier.creatorId);
  return updated!;
}

/** Sets the order of the creator's tiers: `ids` must be exactly their tiers. */
export async function reorderTiers(ctx: ServiceContext, input: z.input<typeof reorderTiersInput>): Promise<void> {
  const creator = await requireOwnCreator(ctx);
  const { ids } = reorderTiersInput.parse(input);
  const own = await ctx.db.select({ id: tiers.id }).from(tiers).where(eq(tiers.creatorId, creator.id));
  const ownIds = new Set(own.map((t) => t.id));
  if (ids.length !== ownIds.size || new Set(ids).size !== ids.length || !ids.every((id) => ownIds.has(id))) {
    throw new AppError(AppErrorCode.CONFLICT, "Your tiers changed in another tab. Reload to see them.");
  }
  await ctx.db.transaction(async (tx) => {
    for (const [position, id] of ids.entries()) {
      await tx.update(tiers).set({ position, updatedAt: ctx.now }).where(eq(tiers.id, id));
    }
  });
  await creatorPagesChanged(ctx.db, creator.id);
}

/** A published tier of any creator, for joining; archived and draft tiers look missing. */
export async function getJoinableTier(ctx: ServiceContext, id: string): Promise<TierRow> {
  const tier = await ctx.db.query.tiers.findFirst({ where: and(eq(tiers.id, id), eq(tiers.status, "published")) });
  if (!tier) throw tierNotJoinable();
  return tier;
}

/** Locks the tier for the rest of the transaction: joins to one tier queue up behind each other. */
export async function lockTier(tx: Tx, tierId: string): Promise<TierRow> {
  const [tier] = await tx.select().from(tiers).where(eq(tiers.id, tierId)).for("update");
  if (!tier) throw tierNotJoinable();
  return tier;
}

/** Refuses a join when the locked tier has no place left. */
export async function checkPlaceLeft(tx: Tx, locked: TierRow): Promise<void> {
  if (locked.memberCap === null) return;
  const held = (await memberCounts(tx, [locked.id])).get(locked.id) ?? 0;
  if (held >= locked.memberCap) {
    throw new AppError(AppErrorCode.CONFLICT, "This tier is full. Choose another tier.", { field: "tierId" });
  }
}
