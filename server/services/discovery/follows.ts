// Following a creator: free, for anyone signed in, whether or not the creator has tiers. A member
// follows when they join (followAsMember) and may stop following while staying a member. The
// creator sees who follows them in Audience; the home feed reads whom a fan follows.
import "server-only";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, follows, users } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { followInput, followStatesInput, pageInput } from "@/lib/schemas/discovery";
import type { z } from "zod";
import { requireViewer, type ServiceContext } from "../context";
import { ownCreatorId, requireOwnCreator } from "../creators";
import { decodeCursor, encodeCursor, exactTime, staleCursor } from "../keyset";

export type FollowState = { creatorId: string; following: boolean; followers: number };

async function followerCount(db: Db, creatorId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(follows).where(eq(follows.creatorId, creatorId));
  return row?.n ?? 0;
}

/** The viewer follows the creator; following again is not an error, and changes nothing. */
export async function followCreator(ctx: ServiceContext, input: z.input<typeof followInput>): Promise<FollowState> {
  requireViewer(ctx);
  const { creatorId } = followInput.parse(input);
  const [creator] = await ctx.db.select({ id: creators.id, userId: creators.userId }).from(creators).where(eq(creators.id, creatorId)).limit(1);
  if (!creator) throw new AppError(AppErrorCode.NOT_FOUND, "This creator page no longer exists.", { field: "creatorId" });
  if (creator.userId === ctx.viewer.userId) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "This is your own page: your posts are already yours.", { field: "creatorId" });
  }
  // NOTE: the primary key makes two clicks at once one follow; the second insert does nothing.
  await ctx.db.insert(follows).values({ userId: ctx.viewer.userId, creatorId, createdAt: ctx.now }).onConflictDoNothing();
  return { creatorId, following: true, followers: await followerCount(ctx.db, creatorId) };
}

/** The viewer stops following; a membership they hold is untouched. */
export async function unfollowCreator(ctx: ServiceContext, input: z.input<typeof followInput>): Promise<FollowState> {
  requireViewer(ctx);
  const { creatorId } = followInput.parse(input);
  await ctx.db.delete(follows).where(and(eq(follows.userId, ctx.viewer.userId), eq(follows.creatorId, creatorId)));
  return { creatorId, following: false, followers: await followerCount(ctx.db, creatorId) };
}

export type FollowStates = {
  /** Which of the creators asked about the viewer follows. */
  following: string[];
  /** The viewer's own creator page, which they cannot follow. */
  ownCreatorId: string | null;
};

/** Whom of `creatorIds` the viewer follows; nobody follows anyone while signed out. */
export async function followStates(ctx: ServiceContext, input: z.input<typeof followStatesInput>): Promise<FollowStates> {
  const { creatorIds } = followStatesInput.parse(input);
  if (!ctx.viewer) return { following: [], ownCreatorId: null };
  const rows =
    creatorIds.length === 0
      ? []
      : await ctx.db
          .select({ creatorId: follows.creatorId })
          .from(follows)
          .where(and(eq(follows.userId, ctx.viewer.userId), inArray(follows.creatorId, creatorIds)));
  return { following: rows.map((row) => row.creatorId), ownCreatorId: await ownCreatorId(ctx) };
}

/**
 * A member follows the creator they join, in the transaction that makes them a member. Someone who
 * had stopped following and joins again follows again: joining says they want the posts.
 */
export async function followAsMember(tx: Pick<Db, "insert">, userId: string, creatorId: string, now: Date): Promise<void> {
  await tx.insert(follows).values({ userId, creatorId, createdAt: now }).onConflictDoNothing();
}

export type Follower = { name: string | null; since: Date };
export type FollowersPage = { total: number; followers: Follower[]; nextCursor: string | null };

/**
 * The creator's followers, newest first, a page at a time through the index on (creator, since).
 * Names only: a follow is not a membership, and gives the creator no address to write to.
 */
export async function listFollowers(ctx: ServiceContext, input: z.input<typeof pageInput> = {}): Promise<FollowersPage> {
  const { cursor, limit } = pageInput.parse(input);
  const creator = await requireOwnCreator(ctx);
  const [key, userId] = cursor ? (decodeCursor(cursor) ?? []) : [];
  if (cursor && (typeof key !== "string" || typeof userId !== "string")) throw staleCursor();
  const rows = await ctx.db
    .select({ name: users.name, since: follows.createdAt, userId: follows.userId, key: exactTime(follows.createdAt) })
    .from(follows)
    .innerJoin(users, eq(users.id, follows.userId))
    .where(
      and(
        eq(follows.creatorId, creator.id),
        cursor ? sql`(${follows.createdAt}, ${follows.userId}) < (${key as string}::timestamptz, ${userId as string})` : undefined,
      ),
    )
    .orderBy(desc(follows.createdAt), desc(follows.userId))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    total: await followerCount(ctx.db, creator.id),
    followers: page.map(({ name, since }) => ({ name, since })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.key, last.userId]) : null,
  };
}
