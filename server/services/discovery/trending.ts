// Explore's Trending: the week's posts ranked by what readers did with them, the older ones decayed.
// The formula is the README's (Discovery); change one, change both.
import "server-only";
import { and, desc, eq, gt, lte, sql, type SQL } from "drizzle-orm";
import { analyticsDailyPosts, comments, creators, postLikes, posts } from "@/db/schema";
import type { ServiceContext } from "../context";
import { acrossColumns, presentAcross, type RecentPostCard } from "../posts/reads";
import { publishedWhere } from "../posts/present";
import { listedCreatorsWhere } from "./listing";

/** Only posts published this many days ago or since can trend. */
export const TRENDING_DAYS = 7;
/**
 * At most this many of the newest posts of the week are scored, so the list costs the same however
 * busy the week: each candidate is a few index lookups (its likes, comments and daily read counts).
 */
const TRENDING_CANDIDATES = 2000;
/** What each signal is worth: a join more than a comment, a comment more than a like, a like more than a read. */
export const TRENDING_WEIGHTS = { view: 1, engaged: 2, like: 4, comment: 6, join: 10 } as const;
/** How fast age wins: the score is divided by (hours since publishing + 2) to this power. */
export const TRENDING_GRAVITY = 1.5;

/**
 * The week's posts by score, highest first:
 *
 *   score = (1·views + 2·engaged reads + 4·likes + 6·comments + 10·joins) / (hours since published + 2)^1.5
 *
 * counting each signal since the post was published: page views and engaged reads (the analytics
 * rollup's daily counts, bots never counted), likes, comments not deleted, and free or paid joins
 * credited to the post. A post nobody has read, liked or discussed does not trend (it is in New).
 */
export async function listTrendingPosts(ctx: ServiceContext, options: { seesAdultPages: boolean; limit: number }): Promise<RecentPostCard[]> {
  const since = new Date(ctx.now.getTime() - TRENDING_DAYS * 24 * 60 * 60 * 1000);
  // The constants written into the statement: its plan is the same for every call.
  const w = Object.fromEntries(Object.entries(TRENDING_WEIGHTS).map(([signal, weight]) => [signal, sql.raw(String(weight))])) as Record<
    keyof typeof TRENDING_WEIGHTS,
    SQL
  >;
  // Through the index of published posts, newest first; a page for adults is left out here, before
  // the cap, so it takes no candidate's place.
  const candidates = ctx.db.$with("candidates").as(
    ctx.db
      .select({ id: sql<string>`${posts.id}`.as("candidate_id") })
      .from(posts)
      .innerJoin(creators, eq(creators.id, posts.creatorId))
      .where(and(publishedWhere(), gt(posts.publishedAt, since), lte(posts.publishedAt, ctx.now), listedCreatorsWhere(options.seesAdultPages)))
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(TRENDING_CANDIDATES),
  );
  // NOTE: a creator's day is in their time zone; a day before the UTC date of publishing covers every zone.
  const reads = sql<number>`(select coalesce(sum(${analyticsDailyPosts.events} * case ${analyticsDailyPosts.kind}
      when 'view' then ${w.view} when 'engaged' then ${w.engaged} else ${w.join} end), 0)
    from ${analyticsDailyPosts}
    where ${analyticsDailyPosts.creatorId} = ${posts.creatorId}
      and ${analyticsDailyPosts.day} >= (${posts.publishedAt} - interval '1 day')::date
      and ${analyticsDailyPosts.postId} = ${posts.id}
      and ${analyticsDailyPosts.kind} in ('view', 'engaged', 'joined_free', 'joined_paid'))`;
  const likes = sql<number>`(select count(*) from ${postLikes} where ${postLikes.postId} = ${posts.id})`;
  const talk = sql<number>`(select count(*) from ${comments} where ${comments.postId} = ${posts.id} and ${comments.deletedAt} is null)`;
  const hours = sql`greatest(extract(epoch from (${ctx.now.toISOString()}::timestamptz - ${posts.publishedAt})) / 3600, 0)`;
  const scored = ctx.db.$with("scored").as(
    ctx.db
      .with(candidates)
      .select({
        id: sql<string>`${posts.id}`.as("scored_id"),
        score: sql<number>`(${reads} + ${w.like} * ${likes} + ${w.comment} * ${talk})::float8 / power(${hours} + 2, ${sql.raw(String(TRENDING_GRAVITY))})`.as("score"),
      })
      .from(candidates)
      .innerJoin(posts, eq(posts.id, candidates.id)),
  );
  const rows = await ctx.db
    .with(scored)
    .select(acrossColumns)
    .from(scored)
    .innerJoin(posts, eq(posts.id, scored.id))
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(gt(scored.score, 0))
    .orderBy(desc(scored.score), desc(posts.publishedAt), desc(posts.id))
    .limit(options.limit);
  return presentAcross(ctx, rows);
}
