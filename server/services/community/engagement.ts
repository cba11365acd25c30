// How much a post has been liked and talked about, for the cards that list it: two grouped counts
// for a whole page of posts. Counts only: who liked and what was said stay behind the policy.
import "server-only";
import { and, count, inArray, isNull } from "drizzle-orm";
import { comments, postLikes } from "@/db/schema";
import type { ServiceContext } from "../context";

export type Engagement = { likes: number; comments: number };

export async function engagementOf(ctx: ServiceContext, postIds: readonly string[]): Promise<Map<string, Engagement>> {
  const byPost = new Map<string, Engagement>();
  if (postIds.length === 0) return byPost;
  const ids = [...postIds];
  const [likes, talk] = await Promise.all([
    ctx.db.select({ postId: postLikes.postId, n: count() }).from(postLikes).where(inArray(postLikes.postId, ids)).groupBy(postLikes.postId),
    ctx.db
      .select({ postId: comments.postId, n: count() })
      .from(comments)
      .where(and(inArray(comments.postId, ids), isNull(comments.deletedAt)))
      .groupBy(comments.postId),
  ]);
  for (const id of ids) byPost.set(id, { likes: 0, comments: 0 });
  for (const row of likes) byPost.get(row.postId)!.likes = row.n;
  for (const row of talk) byPost.get(row.postId)!.comments = row.n;
  return byPost;
}
