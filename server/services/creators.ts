// Creator pages: setting one up, editing its profile and how explore lists it, and finding it by
// handle (or by a handle it had before).
import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { creatorHandles, creators, media, posts } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { HANDLE_PROBLEM_MESSAGES, handleProblem } from "@/lib/handle";
import { creatorListingInput, creatorProfileInput, featuredPostInput, type CreatorListing, type CreatorProfileInput } from "@/lib/schemas/creator";
import { requireViewer, type ServiceContext } from "./context";
import { creatorPagesChanged, handlePagesChanged } from "../cache/pages";
import { recommendersOf } from "./discovery/recommendations";

export type HandleAvailability = { handle: string; available: boolean; message: string };

const publicColumns = {
  id: true,
  handle: true,
  displayName: true,
  tagline: true,
  about: true,
  links: true,
  avatarMediaId: true,
  bannerMediaId: true,
  category: true,
  language: true,
  createdAt: true,
} as const;

export async function getOwnCreator(ctx: ServiceContext) {
  if (!ctx.viewer) return null;
  if (ctx.creator !== undefined) return ctx.creator;
  return (
    (await ctx.db.query.creators.findFirst({ where: eq(creators.userId, ctx.viewer.userId) })) ?? null
  );
}

/** The id of the viewer's own creator page, or null: read with their session when it was. */
export async function ownCreatorId(ctx: ServiceContext): Promise<string | null> {
  if (ctx.viewer?.access) return ctx.viewer.access.creatorId;
  return (await getOwnCreator(ctx))?.id ?? null;
}

/** The viewer's creator page, or a typed error telling them to set one up first. */
export async function requireOwnCreator(ctx: ServiceContext) {
  requireViewer(ctx);
  const creator = await getOwnCreator(ctx);
  if (!creator) throw new AppError(AppErrorCode.FORBIDDEN, "Set up your creator page first.");
  return creator;
}

/** Whether another creator has `handle`, as their handle now or as one they retired. */
async function heldByAnother(db: Db, handle: string, ownId?: string): Promise<boolean> {
  const [current] = await db
    .select({ id: creators.id })
    .from(creators)
    .where(and(eq(creators.handle, handle), ownId ? ne(creators.id, ownId) : undefined))
    .limit(1);
  if (current) return true;
  const [retired] = await db
    .select({ id: creatorHandles.creatorId })
    .from(creatorHandles)
    .where(and(eq(creatorHandles.handle, handle), ownId ? ne(creatorHandles.creatorId, ownId) : undefined))
    .limit(1);
  return retired !== undefined;
}

export async function checkHandleAvailability(ctx: ServiceContext, raw: string): Promise<HandleAvailability> {
  const handle = raw.trim().toLowerCase();
  const problem = handleProblem(handle);
  if (problem) return { handle, available: false, message: HANDLE_PROBLEM_MESSAGES[problem] };
  const own = ctx.viewer ? await getOwnCreator(ctx) : null;
  return (await heldByAnother(ctx.db, handle, own?.id))
    ? { handle, available: false, message: handleTaken(handle).message }
    : { handle, available: true, message: `@${handle} is available.` };
}

function handleTaken(handle: string) {
  return new AppError(AppErrorCode.ALREADY_EXISTS, `@${handle} is taken. Try another.`, { field: "handle" });
}

export async function createCreatorPage(ctx: ServiceContext, input: CreatorProfileInput) {
  requireViewer(ctx);
  // A page being set up has no uploads yet: its picture and banner come later, in Settings.
  const { avatarMediaId: _avatar, bannerMediaId: _banner, ...data } = creatorProfileInput.parse(input);
  if (await getOwnCreator(ctx)) {
    throw new AppError(AppErrorCode.ALREADY_EXISTS, "You already have a creator page.");
  }
  if (await heldByAnother(ctx.db, data.handle)) throw handleTaken(data.handle);
  const [created] = await ctx.db
    .insert(creators)
    .values({ ...data, userId: ctx.viewer.userId })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    // Either the handle or this user's page appeared concurrently; the handle is the likely one.
    if (await getOwnCreator(ctx)) throw new AppError(AppErrorCode.ALREADY_EXISTS, "You already have a creator page.");
    throw handleTaken(data.handle);
  }
  // A reader may have asked for the address while it was nobody's.
  await handlePagesChanged([created.handle]);
  return created;
}

/** A picture for the page must be an image the creator uploaded: anything else is refused by name. */
async function checkOwnImage(ctx: ServiceContext, creatorId: string, mediaId: string | null | undefined, field: string): Promise<void> {
  if (!mediaId) return;
  const [image] = await ctx.db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.id, mediaId), eq(media.creatorId, creatorId), eq(media.kind, "image")));
  if (!image) throw new AppError(AppErrorCode.INVALID_INPUT, "Choose one of your own uploaded images.", { field });
}

/** Saves the profile; a new handle leaves the old one redirecting to it. */
export async function updateCreatorProfile(ctx: ServiceContext, input: CreatorProfileInput) {
  const creator = await requireOwnCreator(ctx);
  const data = creatorProfileInput.parse(input);
  await checkOwnImage(ctx, creator.id, data.avatarMediaId, "avatarMediaId");
  await checkOwnImage(ctx, creator.id, data.bannerMediaId, "bannerMediaId");
  const availability = await checkHandleAvailability(ctx, data.handle);
  if (!availability.available) throw handleTaken(data.handle);
  let updated;
  try {
    updated = await ctx.db.transaction(async (tx) => {
      // Locked, so two renames at once each retire the handle they actually replaced.
      const [before] = await tx.select({ handle: creators.handle }).from(creators).where(eq(creators.id, creator.id)).for("update");
      const [updated] = await tx
        .update(creators)
        .set({ ...data, updatedAt: ctx.now })
        .where(eq(creators.id, creator.id))
        .returning();
      if (before && before.handle !== data.handle) {
        await tx
          .insert(creatorHandles)
          .values({ handle: before.handle, creatorId: creator.id, retiredAt: ctx.now })
          .onConflictDoUpdate({ target: creatorHandles.handle, set: { creatorId: creator.id, retiredAt: ctx.now } });
        // Taking back a handle they had before makes it current again, not a redirect to itself.
        await tx.delete(creatorHandles).where(and(eq(creatorHandles.handle, data.handle), eq(creatorHandles.creatorId, creator.id)));
      }
      return updated!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw handleTaken(data.handle);
    throw error;
  }
  // The old handle's pages now redirect; the profile shows on every page of the creator's, and
  // on the pages of creators who recommend them.
  await handlePagesChanged([creator.handle, updated.handle]);
  const recommenders = await recommendersOf(ctx.db, creator.id);
  if (recommenders.length > 0) await creatorPagesChanged(ctx.db, recommenders);
  return updated;
}

/**
 * Where explore lists the page, whether it is for adults only, and the language the creator writes
 * in. A new language restems every post of theirs in one statement (their stored search words are
 * generated from `posts.language`), in the same transaction, so search never mixes the two.
 */
export async function updateCreatorListing(ctx: ServiceContext, input: z.input<typeof creatorListingInput>): Promise<CreatorListing> {
  const creator = await requireOwnCreator(ctx);
  const listing = creatorListingInput.parse(input);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ language: creators.language }).from(creators).where(eq(creators.id, creator.id)).for("update");
    await tx.update(creators).set({ ...listing, updatedAt: ctx.now }).where(eq(creators.id, creator.id));
    if (before && before.language !== listing.language) {
      await tx.update(posts).set({ language: sql`${listing.language}::regconfig` }).where(eq(posts.creatorId, creator.id));
    }
  });
  // Explore, its category pages and the creator's own pages (their lang) all show it.
  await creatorPagesChanged(ctx.db, creator.id);
  return listing;
}

export async function getCreatorByHandle(ctx: ServiceContext, handle: string) {
  return (
    (await ctx.db.query.creators.findFirst({
      where: eq(creators.handle, handle.toLowerCase()),
      columns: publicColumns,
    })) ?? null
  );
}

/**
 * Where a creator who used to be `handle` is now: their current handle, or null. Asked by public
 * pages after finding no creator with that handle, so an old link answers with a redirect.
 */
export async function findHandleRedirect(ctx: ServiceContext, handle: string): Promise<string | null> {
  const [moved] = await ctx.db
    .select({ handle: creators.handle })
    .from(creatorHandles)
    .innerJoin(creators, eq(creators.id, creatorHandles.creatorId))
    .where(eq(creatorHandles.handle, handle.toLowerCase()))
    .limit(1);
  return moved?.handle ?? null;
}

/**
 * The post the creator's page shows first, or none (null). Only one of their own published posts;
 * one that is later unpublished or trashed simply stops being shown.
 */
export async function setFeaturedPost(ctx: ServiceContext, input: z.input<typeof featuredPostInput>): Promise<void> {
  const creator = await requireOwnCreator(ctx);
  const { postId } = featuredPostInput.parse(input);
  if (postId) {
    const [post] = await ctx.db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.id, postId), eq(posts.creatorId, creator.id), eq(posts.status, "published"), isNull(posts.deletedAt)));
    if (!post) throw new AppError(AppErrorCode.INVALID_INPUT, "Feature one of your published posts.", { field: "postId" });
  }
  await ctx.db.update(creators).set({ featuredPostId: postId, updatedAt: ctx.now }).where(eq(creators.id, creator.id));
  await creatorPagesChanged(ctx.db, creator.id);
}
