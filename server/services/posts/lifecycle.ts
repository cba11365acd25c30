// Where a post is in its life: scheduling, the scheduled publish itself (through publish.ts, the
// path every publish takes), unpublishing, archiving, the 30-day trash, and duplicating. Writing
// and publishing by hand live in editing.ts.
import "server-only";
import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, postMedia, posts, postTags, postTiers } from "@/db/schema";
import { AppError, AppErrorCode, isAppError } from "@/lib/errors";
import { MAX_SCHEDULE_AHEAD_DAYS, TRASH_RETENTION_DAYS, type PostTransitionInput } from "@/lib/schemas/post-lifecycle";
import { hasPaywallBreak } from "@/lib/document/teaser";
import { requestScheduledPublish } from "../../jobs/queues";
import type { ServiceContext } from "../context";
import { postErrors } from "./errors";
import { postPagesChanged } from "./public-pages";
import { applyPublish } from "./publish";
import { freeSlug, withSlugRetry } from "./slugs";
import { draftText, ownPost, ownPosts, type PostRow, type PostStatus } from "./store";

type PostChanges = Partial<typeof posts.$inferInsert>;

const DAY_MS = 24 * 60 * 60 * 1000;
export const TRASH_RETENTION_MS = TRASH_RETENTION_DAYS * DAY_MS;

/** What the editor and the library need back after a lifecycle change. */
export type LifecycleResult = Pick<
  PostRow,
  "id" | "status" | "version" | "scheduledAt" | "publishedAt" | "deletedAt" | "updatedAt"
>;

const resultColumns = {
  id: posts.id,
  status: posts.status,
  version: posts.version,
  scheduledAt: posts.scheduledAt,
  publishedAt: posts.publishedAt,
  deletedAt: posts.deletedAt,
  updatedAt: posts.updatedAt,
};

function wrongState(message: string): AppError {
  return new AppError(AppErrorCode.INVALID_INPUT, message);
}

/** Every lifecycle change bumps the version, so an editor open on the post learns it moved on. */
function bump(ctx: ServiceContext) {
  return { version: sql`${posts.version} + 1`, updatedAt: ctx.now };
}

type Rule = {
  /** Statuses the change applies to; any other is refused with `refuse`'s words. */
  from: readonly PostStatus[];
  refuse: (post: PostRow) => string;
  changes: (post: PostRow) => PostChanges;
};

/**
 * Reads the post, checks the rule, and writes only if nobody changed the post in between: the
 * version (the caller's, or the one just read) and the status are part of the UPDATE's WHERE.
 */
async function transition(
  ctx: ServiceContext,
  input: PostTransitionInput,
  rule: Rule,
  where: "live" | "trashed" = "live",
): Promise<LifecycleResult> {
  const post = await ownPost(ctx, input.id, { trashed: where === "trashed" });
  if (input.baseVersion !== undefined && input.baseVersion !== post.version) throw postErrors.changedElsewhere();
  if (!rule.from.includes(post.status)) throw wrongState(rule.refuse(post));
  const [updated] = await ctx.db
    .update(posts)
    .set({ ...rule.changes(post), ...bump(ctx) })
    .where(and(eq(posts.id, post.id), eq(posts.version, post.version), eq(posts.status, post.status)))
    .returning(resultColumns);
  if (!updated) throw postErrors.changedElsewhere();
  await postPagesChanged(ctx.db, post);
  return updated;
}

const STATUS_WORDS: Record<PostStatus, string> = {
  draft: "a draft",
  scheduled: "scheduled",
  published: "published",
  archived: "archived",
};

export async function schedulePost(
  ctx: ServiceContext,
  input: { id: string; baseVersion?: number; at: Date },
): Promise<LifecycleResult> {
  const at = input.at;
  if (Number.isNaN(at.getTime())) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Pick a date and a time.", { field: "at" });
  }
  if (at.getTime() <= ctx.now.getTime()) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Pick a time in the future.", { field: "at" });
  }
  if (at.getTime() > ctx.now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * DAY_MS) {
    throw new AppError(AppErrorCode.INVALID_INPUT, "Pick a date within the next two years.", { field: "at" });
  }
  const result = await transition(ctx, input, {
    from: ["draft", "scheduled"],
    refuse: (post) =>
      post.status === "published"
        ? "This post is already published. Unpublish it first to schedule it again."
        : "This post is archived. Move it back to drafts before scheduling it.",
    changes: (post) => {
      if (!post.title.trim()) throw postErrors.untitled("scheduling it");
      if (post.access === "public" && hasPaywallBreak(draftText(post).document)) throw postErrors.publicWithBreak("scheduling it");
      return { status: "scheduled", scheduledAt: at };
    },
  });
  await requestScheduledPublish(result.id, at);
  return result;
}

export function unschedulePost(ctx: ServiceContext, input: PostTransitionInput): Promise<LifecycleResult> {
  return transition(ctx, input, {
    from: ["scheduled"],
    refuse: (post) => `This post is not scheduled; it is ${STATUS_WORDS[post.status]}.`,
    changes: () => ({ status: "draft", scheduledAt: null }),
  });
}

/** Back to a draft, off every public page. `publishedAt` stays, so the slug stays frozen. */
export function unpublishPost(ctx: ServiceContext, input: PostTransitionInput): Promise<LifecycleResult> {
  return transition(ctx, input, {
    from: ["published"],
    refuse: (post) => `This post is not published; it is ${STATUS_WORDS[post.status]}.`,
    changes: () => ({ status: "draft" }),
  });
}

const archiveRule: Rule = {
  from: ["draft", "scheduled", "published"],
  refuse: () => "This post is already archived.",
  // An archived post must not go out at its old time.
  changes: () => ({ status: "archived", scheduledAt: null }),
};

export function archivePost(ctx: ServiceContext, input: PostTransitionInput): Promise<LifecycleResult> {
  return transition(ctx, input, archiveRule);
}

/**
 * Unarchiving returns a post to the drafts, never straight to readers: going public again is
 * always an explicit publish (which keeps the original date and address).
 */
export function unarchivePost(ctx: ServiceContext, input: PostTransitionInput): Promise<LifecycleResult> {
  return transition(ctx, input, {
    from: ["archived"],
    refuse: (post) => `This post is not archived; it is ${STATUS_WORDS[post.status]}.`,
    changes: () => ({ status: "draft" }),
  });
}

const ANY_STATUS: readonly PostStatus[] = ["draft", "scheduled", "published", "archived"];

function trashRule(ctx: ServiceContext): Rule {
  // The status is kept, so a restore puts the post back exactly where it was.
  return { from: ANY_STATUS, refuse: () => "", changes: () => ({ deletedAt: ctx.now }) };
}

/** Into the trash: hidden everywhere, restorable for 30 days, then purged. */
export function trashPost(ctx: ServiceContext, input: PostTransitionInput): Promise<LifecycleResult> {
  return transition(ctx, input, trashRule(ctx));
}

export async function restorePostFromTrash(ctx: ServiceContext, input: PostTransitionInput): Promise<LifecycleResult> {
  const result = await transition(
    ctx,
    input,
    {
      from: ANY_STATUS,
      refuse: () => "",
      changes: (post) => {
        if (post.deletedAt && post.deletedAt.getTime() <= ctx.now.getTime() - TRASH_RETENTION_MS) {
          throw new AppError(
            AppErrorCode.NOT_FOUND,
            `This post was deleted more than ${TRASH_RETENTION_DAYS} days ago and can no longer be restored.`,
          );
        }
        // A schedule that passed while the post was in the trash is dropped, not fired late.
        const missedSchedule = post.status === "scheduled" && (post.scheduledAt?.getTime() ?? 0) <= ctx.now.getTime();
        return missedSchedule ? { deletedAt: null, status: "draft", scheduledAt: null } : { deletedAt: null };
      },
    },
    "trashed",
  );
  if (result.status === "scheduled" && result.scheduledAt) await requestScheduledPublish(result.id, result.scheduledAt);
  return result;
}

/** Deletes for good what has been in the trash longer than the retention period. */
export async function purgeExpiredTrash(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - TRASH_RETENTION_MS);
  const purged = await db
    .delete(posts)
    .where(and(isNotNull(posts.deletedAt), lte(posts.deletedAt, cutoff)))
    .returning({ id: posts.id });
  return purged.length;
}

function copyTitle(title: string): string {
  const base = title.trim() || "Untitled";
  return `${base.slice(0, 190)} (copy)`;
}

/**
 * A new draft with the same content, settings, tags, tiers and media as `id`. Published posts
 * are copied as readers see them; edits waiting behind Update stay with the original.
 */
export async function duplicatePostAsDraft(ctx: ServiceContext, input: { id: string }): Promise<LifecycleResult & { slug: string; title: string }> {
  const source = await ownPost(ctx, input.id);
  const title = copyTitle(source.title);
  // Two copies made at the same moment can pick the same slug; the retry settles it.
  return withSlugRetry(() =>
    ctx.db.transaction(async (tx) => {
      const slug = await freeSlug(tx, source.creatorId, title);
      const [copy] = await tx
        .insert(posts)
        .values({
          creatorId: source.creatorId,
          kind: source.kind,
          language: source.language,
          title,
          slug,
          access: source.access,
          document: source.document,
          html: source.html,
          teaserMode: source.teaserMode,
          previewText: source.previewText,
          teaserHtml: source.teaserHtml,
          teaserText: source.teaserText,
          excerpt: source.excerpt,
          plainText: source.plainText,
          wordCount: source.wordCount,
          coverMediaId: source.coverMediaId,
          commentAccess: source.commentAccess,
          notifyMembers: source.notifyMembers,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ ...resultColumns, slug: posts.slug, title: posts.title });
      const postId = copy!.id;
      await tx.execute(sql`insert into ${postTags} (post_id, tag_id) select ${postId}, tag_id from ${postTags} where post_id = ${source.id}`);
      await tx.execute(sql`insert into ${postTiers} (post_id, tier_id) select ${postId}, tier_id from ${postTiers} where post_id = ${source.id}`);
      await tx.execute(sql`insert into ${postMedia} (post_id, media_id) select ${postId}, media_id from ${postMedia} where post_id = ${source.id}`);
      return copy!;
    }),
  );
}

/** Applies one lifecycle rule to many posts of the viewer at once; all of them or none. */
async function transitionMany(ctx: ServiceContext, ids: readonly string[], rule: Rule): Promise<{ changed: number; unchanged: number }> {
  return ctx.db.transaction(async (tx) => {
    const found = await ownPosts(ctx, ids, { lockIn: tx });
    const applicable = found.filter((post) => rule.from.includes(post.status));
    for (const post of applicable) {
      await tx.update(posts).set({ ...rule.changes(post), ...bump(ctx) }).where(eq(posts.id, post.id));
    }
    return { changed: applicable.length, unchanged: found.length - applicable.length };
  });
}

export function archivePosts(ctx: ServiceContext, ids: readonly string[]) {
  return transitionMany(ctx, ids, archiveRule);
}

export function trashPosts(ctx: ServiceContext, ids: readonly string[]) {
  return transitionMany(ctx, ids, trashRule(ctx));
}

// --- The scheduled publish (called by jobs, never by a viewer) ---------------------------------

/**
 * Publishes `postId` if, and only if, it is still scheduled and due, through the same path as the
 * editor's Publish, in the name of the creator who scheduled it. The guard is checked with the
 * post locked, so duplicate jobs, two workers or a retry after a crash publish it once.
 */
export async function publishScheduledPost(db: Db, postId: string, now: Date): Promise<LifecycleResult | null> {
  const [owner] = await db
    .select({ userId: creators.userId })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(eq(posts.id, postId));
  if (!owner) return null;
  try {
    const published = await applyPublish(db, { id: postId }, now, owner.userId, { scheduled: true });
    return published && pick(published);
  } catch (error) {
    if (!(isAppError(error) && (error.field === "title" || error.field === "access"))) throw error;
    // The title was cleared, or a paywall break added to a public post, after scheduling: nothing
    // untitled, and nothing gated, goes out to everyone. Back to the drafts (where the creator sees
    // it was not published, and the editor says why), or every sweep would try it again.
    await db
      .update(posts)
      .set({ status: "draft", scheduledAt: null, version: sql`${posts.version} + 1`, updatedAt: now })
      .where(and(eq(posts.id, postId), eq(posts.status, "scheduled")));
    return null;
  }
}

function pick(post: PostRow): LifecycleResult {
  const { id, status, version, scheduledAt, publishedAt, deletedAt, updatedAt } = post;
  return { id, status, version, scheduledAt, publishedAt, deletedAt, updatedAt };
}

/** Publishes every scheduled post that is due (overdue ones after downtime included). */
export async function publishDueScheduledPosts(db: Db, now: Date): Promise<number> {
  let published = 0;
  for (;;) {
    const due = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.status, "scheduled"), lte(posts.scheduledAt, now), isNull(posts.deletedAt)))
      .orderBy(asc(posts.scheduledAt))
      .limit(100);
    for (const { id } of due) if (await publishScheduledPost(db, id, now)) published++;
    if (due.length < 100) return published;
  }
}
