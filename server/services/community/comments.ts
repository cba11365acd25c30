// Comments on posts, and likes on posts and comments. Who may read and write follows the one access
// policy: a viewer who may read the whole post reads its comments and, signed in, writes them (when
// the creator left comments on); a viewer who gets the teaser learns how many there are, never
// what they say; a post that looks missing has no comments either.
import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { commentLikes, commentRevisions, comments, creators, postLikes, posts, users } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import {
  addCommentInput,
  commentIdInput,
  commentsInput,
  editCommentInput,
  likeCommentInput,
  likePostInput,
  pinCommentInput,
  type CommentAccess,
} from "@/lib/schemas/community";
import type { z } from "zod";
import { decidePostVisibility, liveEntitlement, loadAccessViewer, loadPostTierIds, needsTierIds, type PostVisibility } from "../access/policy";
import { requireViewer, type AuthedContext, type ServiceContext } from "../context";
import { decodeCursor, encodeCursor, exactTime, staleCursor } from "../keyset";
import { consumeRateLimit } from "../rate-limit";

/** Comments one member may post in a window: enough for a conversation, not for a flood. */
export const COMMENT_RATE = { limit: 10, windowSeconds: 60 };

/** Replies deeper than this join the thread of the reply they answer. */
const MAX_DEPTH = 2;

export type CommentView = {
  id: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  /** Written by the post's creator. */
  byCreator: boolean;
  /** Written by the viewer: theirs to edit and delete. */
  mine: boolean;
  /** Null once deleted: the place in the thread stays, the words are gone. */
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  pinned: boolean;
  likes: number;
  likedByViewer: boolean;
  replies: CommentView[];
};

export type CommentsPage = {
  /** "full": the viewer reads the comments; "count": they get the teaser, and only the count. */
  access: "full" | "count";
  /** Comments on the post that are not deleted. */
  count: number;
  /** Why the viewer cannot write here, in plain words; null when they can. */
  cannotWrite: string | null;
  /** Whether the viewer is signed in: likes and replies need it. */
  signedIn: boolean;
  /** The viewer is the post's creator: they pin, and delete any comment. */
  viewerIsCreator: boolean;
  comments: CommentView[];
  nextCursor: string | null;
  post: { likes: number; likedByViewer: boolean };
};

type PostFacts = {
  id: string;
  creatorId: string;
  creatorUserId: string;
  /** The creator's name on their page: what their comments are signed with. */
  creatorName: string;
  commentAccess: CommentAccess;
  visibility: PostVisibility;
  /** The viewer holds a paid membership of the creator that is live now (or is the creator). */
  viewerPays: boolean;
};

/** The post as the policy lets this viewer see it; a post that must look missing is NOT_FOUND. */
async function postFor(ctx: ServiceContext, postId: string): Promise<PostFacts> {
  const [viewer, [row]] = await Promise.all([
    loadAccessViewer(ctx),
    ctx.db
      .select({
        id: posts.id,
        creatorId: posts.creatorId,
        creatorUserId: creators.userId,
        creatorName: creators.displayName,
        status: posts.status,
        access: posts.access,
        deletedAt: posts.deletedAt,
        publicAt: posts.publicAt,
        commentAccess: posts.commentAccess,
      })
      .from(posts)
      .innerJoin(creators, eq(creators.id, posts.creatorId))
      .where(eq(posts.id, postId))
      .limit(1),
  ]);
  if (!row) throw missingPost();
  const tierIds = needsTierIds(row) ? (await loadPostTierIds(ctx, [row.id])).get(row.id) : undefined;
  const visibility = decidePostVisibility({ ...row, tierIds }, viewer, ctx.now);
  if (visibility === "hidden") throw missingPost();
  const { id, creatorId, creatorUserId, creatorName, commentAccess } = row;
  const viewerPays = viewer?.creatorId === creatorId || liveEntitlement(viewer, creatorId, ctx.now)?.paid === true;
  return { id, creatorId, creatorUserId, creatorName, commentAccess, visibility, viewerPays };
}

function missingPost(): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, "This post does not exist.", { field: "postId" });
}

function missingComment(): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, "This comment no longer exists.", { field: "commentId" });
}

/** Why this viewer may not comment on the post, or null when they may. */
function cannotWrite(ctx: ServiceContext, post: PostFacts): string | null {
  if (post.commentAccess === "off") return "Comments are off for this post.";
  if (post.visibility !== "full") return "Comments are for those who can read the whole post.";
  if (!ctx.viewer) return "Sign in to join the conversation.";
  // NOTE: paid for the period now running: joining free, or a lapsed card, does not open it.
  if (post.commentAccess === "paid" && !post.viewerPays) return "Comments on this post are for paid members.";
  return null;
}

type Row = typeof comments.$inferSelect & { authorName: string | null; key?: string };

const rowColumns = {
  id: comments.id,
  postId: comments.postId,
  authorId: comments.authorId,
  parentId: comments.parentId,
  depth: comments.depth,
  body: comments.body,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  deletedAt: comments.deletedAt,
  pinnedAt: comments.pinnedAt,
  authorName: users.name,
  /** The creation time as exact text: a page's cursor loses no microsecond. */
  key: exactTime(comments.createdAt),
};

function selectRows(ctx: ServiceContext) {
  return ctx.db.select(rowColumns).from(comments).innerJoin(users, eq(users.id, comments.authorId));
}

/** Each comment's likes, and which of them the viewer likes, in two small grouped reads. */
async function likesOf(ctx: ServiceContext, ids: string[]): Promise<{ counts: Map<string, number>; mine: Set<string> }> {
  if (ids.length === 0) return { counts: new Map(), mine: new Set() };
  const [counted, mine] = await Promise.all([
    ctx.db
      .select({ commentId: commentLikes.commentId, n: count() })
      .from(commentLikes)
      .where(inArray(commentLikes.commentId, ids))
      .groupBy(commentLikes.commentId),
    ctx.viewer
      ? ctx.db
          .select({ commentId: commentLikes.commentId })
          .from(commentLikes)
          .where(and(eq(commentLikes.userId, ctx.viewer.userId), inArray(commentLikes.commentId, ids)))
      : [],
  ]);
  return { counts: new Map(counted.map((row) => [row.commentId, row.n])), mine: new Set(mine.map((row) => row.commentId)) };
}

function toView(ctx: ServiceContext, post: PostFacts, row: Row, likes: { counts: Map<string, number>; mine: Set<string> }): CommentView {
  const deleted = row.deletedAt !== null;
  const byCreator = !deleted && row.authorId === post.creatorUserId;
  return {
    id: row.id,
    parentId: row.parentId,
    depth: row.depth,
    authorName: deleted ? "Deleted comment" : byCreator ? post.creatorName : (row.authorName ?? "A member"),
    byCreator,
    mine: !deleted && row.authorId === ctx.viewer?.userId,
    body: deleted ? null : row.body,
    createdAt: row.createdAt,
    editedAt: deleted ? null : row.editedAt,
    pinned: row.pinnedAt !== null,
    likes: likes.counts.get(row.id) ?? 0,
    likedByViewer: likes.mine.has(row.id),
    replies: [],
  };
}

/** The order and the cursor condition of a page of comments on the post, for each sort. */
function pageOrder(sort: "newest" | "oldest" | "top", after: unknown[] | null): { where?: SQL; orderBy: SQL[] } {
  const likeCount = sql<number>`(select count(*) from ${commentLikes} where ${commentLikes.commentId} = ${comments.id})`;
  if (sort === "top") {
    // NOTE: likes move while people read, so "top" pages by position, not by a key that can shift.
    return { orderBy: [desc(likeCount), desc(comments.createdAt), desc(comments.id)] };
  }
  const [key, id] = after ?? [];
  const keyed = after ? sql`(${comments.createdAt}, ${comments.id}) ${sql.raw(sort === "newest" ? "<" : ">")} (${key as string}::timestamptz, ${id as string})` : undefined;
  const direction = sort === "newest" ? desc : asc;
  return { where: keyed, orderBy: [direction(comments.createdAt), direction(comments.id)] };
}

/**
 * A page of the post's comments with their replies (three levels in all), pinned ones first on the
 * first page, as this viewer may see them; and the post's likes.
 */
export async function listComments(ctx: ServiceContext, input: z.input<typeof commentsInput>): Promise<CommentsPage> {
  const { postId, sort, cursor, limit } = commentsInput.parse(input);
  const post = await postFor(ctx, postId);
  // One statement for the counts: the list is asked for again every few seconds while a page is open.
  const [counts] = await ctx.db
    .select({
      comments: sql<number>`(select count(*) from ${comments} where ${comments.postId} = ${post.id} and ${comments.deletedAt} is null)`.mapWith(Number),
      likes: sql<number>`(select count(*) from ${postLikes} where ${postLikes.postId} = ${post.id})`.mapWith(Number),
      liked: ctx.viewer
        ? sql<boolean>`exists (select 1 from ${postLikes} where ${postLikes.postId} = ${post.id} and ${postLikes.userId} = ${ctx.viewer.userId})`
        : sql<boolean>`false`,
    })
    .from(sql`(select 1) as one`);
  const base = {
    count: counts?.comments ?? 0,
    cannotWrite: cannotWrite(ctx, post),
    signedIn: ctx.viewer !== null,
    viewerIsCreator: ctx.viewer?.userId === post.creatorUserId,
    post: { likes: counts?.likes ?? 0, likedByViewer: counts?.liked === true },
  };
  // CASE: the teaser's reader learns how many comments there are, never a word of them.
  if (post.visibility !== "full") return { ...base, access: "count", comments: [], nextCursor: null };

  const position = sort === "top" ? Number(cursor ?? 0) : 0;
  const after = sort !== "top" && cursor ? decodeCursor(cursor) : null;
  if (cursor && (sort === "top" ? !Number.isInteger(position) || position < 0 : after?.length !== 2)) throw staleCursor();
  const order = pageOrder(sort, after);
  const onPost = and(eq(comments.postId, post.id), isNull(comments.parentId));
  const [pinned, page] = await Promise.all([
    cursor ? [] : selectRows(ctx).where(and(onPost, isNotNull(comments.pinnedAt))).orderBy(asc(comments.pinnedAt)),
    selectRows(ctx)
      .where(and(onPost, isNull(comments.pinnedAt), order.where))
      .orderBy(...order.orderBy)
      .limit(limit + 1)
      .offset(position),
  ]);
  const tops = [...pinned, ...page.slice(0, limit)];
  const firstReplies = tops.length ? await selectRows(ctx).where(inArray(comments.parentId, tops.map((c) => c.id))).orderBy(asc(comments.createdAt)) : [];
  const secondReplies = firstReplies.length
    ? await selectRows(ctx).where(inArray(comments.parentId, firstReplies.map((c) => c.id))).orderBy(asc(comments.createdAt))
    : [];
  const all = [...tops, ...firstReplies, ...secondReplies];
  const likes = await likesOf(ctx, all.map((row) => row.id));
  const views = new Map(all.map((row) => [row.id, toView(ctx, post, row, likes)]));
  for (const row of [...firstReplies, ...secondReplies]) views.get(row.parentId!)?.replies.push(views.get(row.id)!);
  const last = page.slice(0, limit).at(-1);
  const more = page.length > limit && last;
  return {
    ...base,
    access: "full",
    comments: tops.map((row) => views.get(row.id)!),
    nextCursor: !more ? null : sort === "top" ? String(position + limit) : encodeCursor([last.key, last.id]),
  };
}

async function requireCommenting(ctx: AuthedContext, post: PostFacts): Promise<void> {
  const reason = cannotWrite(ctx, post);
  if (reason) throw new AppError(AppErrorCode.FORBIDDEN, reason);
  const limit = await consumeRateLimit(ctx.db, `comment:${ctx.viewer.userId}`, COMMENT_RATE, ctx.now);
  if (!limit.allowed) {
    throw new AppError(AppErrorCode.RATE_LIMITED, `You are commenting very fast. Try again in ${limit.retryAfterSeconds} seconds.`);
  }
}

/** A comment on the post, or a reply; a reply to a reply at the deepest level joins that thread. */
export async function addComment(ctx: ServiceContext, input: z.input<typeof addCommentInput>): Promise<CommentView> {
  requireViewer(ctx);
  const { postId, parentId, body } = addCommentInput.parse(input);
  const post = await postFor(ctx, postId);
  let parent: { id: string; depth: number; parentId: string | null } | null = null;
  if (parentId) {
    const [found] = await ctx.db
      .select({ id: comments.id, depth: comments.depth, parentId: comments.parentId, deletedAt: comments.deletedAt })
      .from(comments)
      .where(and(eq(comments.id, parentId), eq(comments.postId, post.id)))
      .limit(1);
    if (!found) throw new AppError(AppErrorCode.NOT_FOUND, "The comment you are answering no longer exists.", { field: "parentId" });
    parent = found.depth >= MAX_DEPTH ? { id: found.parentId!, depth: found.depth - 1, parentId: null } : found;
  }
  await requireCommenting(ctx, post);
  const [created] = await ctx.db
    .insert(comments)
    .values({ postId: post.id, authorId: ctx.viewer.userId, parentId: parent?.id ?? null, depth: parent ? parent.depth + 1 : 0, body, createdAt: ctx.now })
    .returning();
  const [author] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, ctx.viewer.userId));
  return toView(ctx, post, { ...created!, authorName: author?.name ?? null }, { counts: new Map(), mine: new Set() });
}

/** The comment, its post as the viewer sees it, and whether the viewer wrote it. */
async function commentFor(ctx: AuthedContext, commentId: string) {
  const [row] = await ctx.db.select().from(comments).where(eq(comments.id, commentId)).limit(1);
  if (!row || row.deletedAt) throw missingComment();
  const post = await postFor(ctx, row.postId).catch(() => {
    throw missingComment();
  });
  if (post.visibility !== "full") throw missingComment();
  return { row, post, mine: row.authorId === ctx.viewer.userId };
}

/** The author changes their words; what it said before is kept in its history. */
export async function editComment(ctx: ServiceContext, input: z.input<typeof editCommentInput>): Promise<CommentView> {
  requireViewer(ctx);
  const { commentId, body } = editCommentInput.parse(input);
  const { row, post, mine } = await commentFor(ctx, commentId);
  if (!mine) throw new AppError(AppErrorCode.FORBIDDEN, "Only its author can edit a comment.");
  if (row.body === body) return toView(ctx, post, { ...row, authorName: null }, { counts: new Map(), mine: new Set() });
  const updated = await ctx.db.transaction(async (tx) => {
    await tx.insert(commentRevisions).values({ commentId: row.id, body: row.body, replacedAt: ctx.now });
    const [changed] = await tx.update(comments).set({ body, editedAt: ctx.now }).where(eq(comments.id, row.id)).returning();
    return changed!;
  });
  const [author] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, row.authorId));
  const likes = await likesOf(ctx, [row.id]);
  return toView(ctx, post, { ...updated, authorName: author?.name ?? null }, likes);
}

/** What an edited comment said before, oldest first: the author's and the creator's to see. */
export async function commentHistory(ctx: ServiceContext, input: z.input<typeof commentIdInput>): Promise<{ body: string; replacedAt: Date }[]> {
  requireViewer(ctx);
  const { commentId } = commentIdInput.parse(input);
  const { row, post, mine } = await commentFor(ctx, commentId);
  if (!mine && ctx.viewer.userId !== post.creatorUserId) throw new AppError(AppErrorCode.FORBIDDEN, "Only its author and the creator see a comment's history.");
  return ctx.db
    .select({ body: commentRevisions.body, replacedAt: commentRevisions.replacedAt })
    .from(commentRevisions)
    .where(eq(commentRevisions.commentId, row.id))
    .orderBy(asc(commentRevisions.replacedAt));
}

/** Its author, or the post's creator, deletes a comment: the words and their history go. */
export async function deleteComment(ctx: ServiceContext, input: z.input<typeof commentIdInput>): Promise<{ deleted: true }> {
  requireViewer(ctx);
  const { commentId } = commentIdInput.parse(input);
  const { row, post, mine } = await commentFor(ctx, commentId);
  if (!mine && ctx.viewer.userId !== post.creatorUserId) throw new AppError(AppErrorCode.FORBIDDEN, "Only its author or the creator can delete a comment.");
  await ctx.db.transaction(async (tx) => {
    await tx.delete(commentRevisions).where(eq(commentRevisions.commentId, row.id));
    await tx.update(comments).set({ body: "", deletedAt: ctx.now, pinnedAt: null }).where(eq(comments.id, row.id));
  });
  return { deleted: true };
}

/** The creator pins a comment on the post to the top of its comments, or unpins it. */
export async function pinComment(ctx: ServiceContext, input: z.input<typeof pinCommentInput>): Promise<{ pinned: boolean }> {
  requireViewer(ctx);
  const { commentId, pinned } = pinCommentInput.parse(input);
  const { row, post } = await commentFor(ctx, commentId);
  if (ctx.viewer.userId !== post.creatorUserId) throw new AppError(AppErrorCode.FORBIDDEN, "Only the creator can pin comments.");
  if (row.parentId) throw new AppError(AppErrorCode.INVALID_INPUT, "Pin a comment on the post, not a reply.", { field: "commentId" });
  await ctx.db.update(comments).set({ pinnedAt: pinned ? ctx.now : null }).where(eq(comments.id, row.id));
  return { pinned };
}

export type LikeState = { liked: boolean; likes: number };

/** One like per person: liking twice, or twice at once, is one like. */
export async function likeComment(ctx: ServiceContext, input: z.input<typeof likeCommentInput>): Promise<LikeState> {
  requireViewer(ctx);
  const { commentId, liked } = likeCommentInput.parse(input);
  const { row } = await commentFor(ctx, commentId);
  if (liked) await ctx.db.insert(commentLikes).values({ commentId: row.id, userId: ctx.viewer.userId, createdAt: ctx.now }).onConflictDoNothing();
  else await ctx.db.delete(commentLikes).where(and(eq(commentLikes.commentId, row.id), eq(commentLikes.userId, ctx.viewer.userId)));
  const [counted] = await ctx.db.select({ n: count() }).from(commentLikes).where(eq(commentLikes.commentId, row.id));
  return { liked, likes: counted?.n ?? 0 };
}

/** A reader of the whole post likes it, once. */
export async function likePost(ctx: ServiceContext, input: z.input<typeof likePostInput>): Promise<LikeState> {
  requireViewer(ctx);
  const { postId, liked } = likePostInput.parse(input);
  const post = await postFor(ctx, postId);
  if (post.visibility !== "full") throw new AppError(AppErrorCode.FORBIDDEN, "Likes are for those who can read the whole post.");
  if (liked) await ctx.db.insert(postLikes).values({ postId: post.id, userId: ctx.viewer.userId, createdAt: ctx.now }).onConflictDoNothing();
  else await ctx.db.delete(postLikes).where(and(eq(postLikes.postId, post.id), eq(postLikes.userId, ctx.viewer.userId)));
  const [counted] = await ctx.db.select({ n: count() }).from(postLikes).where(eq(postLikes.postId, post.id));
  return { liked, likes: counted?.n ?? 0 };
}
