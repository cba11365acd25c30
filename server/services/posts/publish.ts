// The one way a post's text goes live. Publish and Update from the editor, the scheduled
// publisher, the demo seed and the benchmarks all come here, so a post published at its scheduled
// time gets exactly what a manual publish gives it: the derived columns, the media references,
// a revision, the members' emails on a first publish, and the address frozen from then on.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { posts } from "@/db/schema";
import { hasPaywallBreak } from "@/lib/document/teaser";
import { requestMemberNotifications } from "../../jobs/queues";
import { syncPostMedia } from "../media/files";
import { derived } from "./derived";
import { postErrors } from "./errors";
import { recordFirstPublish } from "./notifications";
import { draftText, lockPost, recordRevision, type PostRow, type PostStatus } from "./store";
import { postPagesChanged } from "./public-pages";

export type PublishOptions = {
  reason?: "publish" | "update";
  /** Refuse with CONFLICT if the post changed since the caller read it. */
  baseVersion?: number;
  /** Publish only a post still in one of these statuses; otherwise nothing happens (null). */
  fromStatuses?: readonly PostStatus[];
  /**
   * The scheduler's publish: only a post still scheduled and due at `now`, dated at its scheduled
   * time (not the minute the job ran). Otherwise nothing happens (null).
   */
  scheduled?: boolean;
};

function isDue(post: PostRow, now: Date): boolean {
  return post.status === "scheduled" && post.scheduledAt !== null && post.scheduledAt.getTime() <= now.getTime();
}

/**
 * Makes a post's current text live: pending changes (or the draft) become the published title,
 * document and derived columns, the post is `published`, and a revision is kept, all in one
 * transaction with the post locked. It does NOT check who is asking: callers authorize first.
 * Returns null when a guard of `options` does not match, so a job that runs twice publishes once.
 * A first publish (never an Update or a republish: `publishedAt` survives an unpublish) records in
 * the same transaction that members are to be emailed, and queues that job after the commit.
 * Throws INVALID_INPUT for an untitled post (field `title`) and for a public post with a paywall
 * break (field `access`: everyone would read below the break), NOT_FOUND for a missing one.
 */
export async function applyPublish(
  db: Db,
  post: Pick<PostRow, "id">,
  now: Date,
  authorId: string | null,
  options: PublishOptions = {},
): Promise<PostRow | null> {
  const outcome = await db.transaction(async (tx) => {
    const current = await lockPost(tx, post.id);
    if (current.deletedAt) return null;
    if (options.fromStatuses && !options.fromStatuses.includes(current.status)) return null;
    if (options.scheduled && !isDue(current, now)) return null;
    if (options.baseVersion !== undefined && current.version !== options.baseVersion) throw postErrors.changedElsewhere();
    const text = draftText(current);
    if (!text.title.trim()) throw postErrors.untitled("publishing");
    if (current.access === "public" && hasPaywallBreak(text.document)) {
      throw postErrors.publicWithBreak(current.status === "published" ? "updating" : "publishing");
    }
    const [published] = await tx
      .update(posts)
      .set({
        title: text.title,
        document: text.document,
        pendingTitle: null,
        pendingDocument: null,
        ...derived(text.document, current),
        status: "published",
        scheduledAt: null,
        publishedAt: current.publishedAt ?? (options.scheduled ? current.scheduledAt : now),
        version: current.version + 1,
        updatedAt: now,
      })
      .where(eq(posts.id, current.id))
      .returning();
    await syncPostMedia(tx, current.id, current.creatorId, text.document);
    await recordRevision(tx, {
      postId: current.id,
      version: published!.version,
      text,
      reason: options.reason ?? (current.status === "published" ? "update" : "publish"),
      authorId,
      now,
    });
    const notify = current.publishedAt === null && (await recordFirstPublish(tx, published!, now));
    return { published: published!, notify };
  });
  if (!outcome) return null;
  await postPagesChanged(db, outcome.published);
  // After the commit, so the job finds the post published; a lost request is caught by the sweep.
  // The emails go out from a job, so publishing never waits on mail.
  if (outcome.notify) await requestMemberNotifications(outcome.published.id);
  return outcome.published;
}
