// Explore's Rising: small creators whom fans have been finding fastest, so a newcomer's page is seen
// before it is big. Big pages are left out: they are found without help.
import "server-only";
import { and, desc, gte, sql } from "drizzle-orm";
import { creators, follows, memberships } from "@/db/schema";
import type { ServiceContext } from "../context";
import { creatorCardColumns, listedCreatorsWhere, type CreatorCard } from "./listing";

/** How far back a page's new followers and members count. */
export const RISING_DAYS = 14;
/** A page is small below both: fewer current members than this, and fewer followers than that. */
export const SMALL_PAGE_MEMBERS = 100;
export const SMALL_PAGE_FOLLOWERS = 1000;
/** A new member counts this much more than a new follower (a member follows too, so counts once more). */
const JOIN_WEIGHT = 3;

export type RisingCreator = CreatorCard & { newFollowers: number; newMembers: number };

/**
 * Small pages by what they gained in the last RISING_DAYS days (new followers + 3 × new members),
 * most first, the newer page first on a tie. Candidates are the pages followed or joined in those
 * days (found through the indexes on follows.created_at and memberships.started_at); each is
 * measured through its own indexes, counting its followers and members only up to the limits.
 */
export async function listRisingCreators(ctx: ServiceContext, options: { seesAdultPages: boolean; limit: number }): Promise<RisingCreator[]> {
  const since = new Date(ctx.now.getTime() - RISING_DAYS * 24 * 60 * 60 * 1000);
  const followedSince = gte(follows.createdAt, since);
  // NOTE: "expired" as a literal, the live-membership index's condition (db/schema/memberships.ts).
  const joinedSince = and(gte(memberships.startedAt, since), sql`${memberships.status} <> 'expired'`);
  const followerGain = sql`(select count(*) from ${follows} where ${follows.creatorId} = ${creators.id} and ${followedSince})`;
  const memberGain = sql`(select count(*) from ${memberships} where ${memberships.creatorId} = ${creators.id} and ${joinedSince})`;
  const gaining = sql`${creators.id} in (
    select ${follows.creatorId} from ${follows} where ${followedSince}
    union select ${memberships.creatorId} from ${memberships} where ${joinedSince})`;
  // Counted only up to the limit: a big page is told apart without counting all of its fans.
  const small = sql`(select count(*) from (select 1 from ${memberships}
      where ${memberships.creatorId} = ${creators.id} and ${memberships.status} <> 'expired' limit ${SMALL_PAGE_MEMBERS}) as live) < ${SMALL_PAGE_MEMBERS}
    and (select count(*) from (select 1 from ${follows} where ${follows.creatorId} = ${creators.id} limit ${SMALL_PAGE_FOLLOWERS}) as fans) < ${SMALL_PAGE_FOLLOWERS}`;
  return ctx.db
    // NOTE: wrapped once more in the selection: Drizzle writes a one-table query's selected columns
    // without their table, which inside these subqueries would name the wrong table's id.
    .select({ ...creatorCardColumns, newFollowers: sql`${followerGain}`.mapWith(Number), newMembers: sql`${memberGain}`.mapWith(Number) })
    .from(creators)
    .where(and(gaining, listedCreatorsWhere(options.seesAdultPages), small))
    .orderBy(desc(sql`${followerGain} + ${JOIN_WEIGHT} * ${memberGain}`), desc(creators.createdAt), desc(creators.id))
    .limit(options.limit);
}
