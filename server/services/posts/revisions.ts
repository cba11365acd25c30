// Revisions: the kept versions of a post's text (on publish/update, explicit saves, at most every
// ten minutes of autosaving, restores). Listing, previewing one against the current text, and
// restoring it. Nothing here deletes a revision.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { postRevisions, users } from "@/db/schema";
import { renderDocumentHtml } from "@/lib/document/render";
import { countWords, documentPlainText } from "@/lib/document/text";
import type { PostDocument } from "@/lib/document/validate";
import { restoreRevisionInput, revisionInput, revisionsInput } from "@/lib/schemas/post";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { postErrors } from "./errors";
import { withSlugRetry } from "./slugs";
import { draftText, hasPendingChanges, ownPost, recordRevision, writeDraftText, type RevisionReason } from "./store";
import { diffWords, type DiffPart } from "./text-diff";

export type RevisionSummary = {
  id: string;
  version: number;
  reason: RevisionReason;
  title: string;
  createdAt: Date;
  authorName: string | null;
};

/** Newest first. Revisions are never pruned; `limit` only pages the list. */
export async function listRevisions(ctx: ServiceContext, input: z.input<typeof revisionsInput>): Promise<RevisionSummary[]> {
  const data = revisionsInput.parse(input);
  const post = await ownPost(ctx, data.id);
  return ctx.db
    .select({
      id: postRevisions.id,
      version: postRevisions.version,
      reason: postRevisions.reason,
      title: postRevisions.title,
      createdAt: postRevisions.createdAt,
      authorName: users.name,
    })
    .from(postRevisions)
    .leftJoin(users, eq(users.id, postRevisions.authorId))
    .where(eq(postRevisions.postId, post.id))
    .orderBy(desc(postRevisions.version), desc(postRevisions.createdAt), desc(postRevisions.id))
    .limit(data.limit);
}

export type RevisionDetail = RevisionSummary & {
  /** The revision rendered as the public page would render it. */
  html: string;
  wordCount: number;
  /** From the current text (what the editor holds on the server) to this revision. */
  changes: { title: { current: string; revision: string } | null; body: DiffPart[] };
};

export async function getRevision(ctx: ServiceContext, input: z.input<typeof revisionInput>): Promise<RevisionDetail> {
  const data = revisionInput.parse(input);
  const post = await ownPost(ctx, data.id);
  const [row] = await ctx.db
    .select({ revision: postRevisions, authorName: users.name })
    .from(postRevisions)
    .leftJoin(users, eq(users.id, postRevisions.authorId))
    .where(and(eq(postRevisions.id, data.revisionId), eq(postRevisions.postId, post.id)))
    .limit(1);
  if (!row) throw postErrors.revisionNotFound();
  const { revision } = row;
  const current = draftText(post);
  return {
    id: revision.id,
    version: revision.version,
    reason: revision.reason,
    title: revision.title,
    createdAt: revision.createdAt,
    authorName: row.authorName,
    html: renderDocumentHtml(revision.document),
    wordCount: countWords(revision.document),
    changes: {
      title: current.title === revision.title ? null : { current: current.title, revision: revision.title },
      body: diffWords(documentPlainText(current.document), documentPlainText(revision.document)),
    },
  };
}

export type RestoreResult = {
  id: string;
  version: number;
  slug: string;
  updatedAt: Date;
  title: string;
  document: PostDocument;
  hasPendingChanges: boolean;
};

/**
 * Puts a revision's text back as the current draft (pending changes, for a published post),
 * under the same version check as a save, and records the restore as a revision of its own:
 * the text it replaces was either kept already or is kept now, so nothing is destroyed.
 */
export async function restoreRevision(ctx: ServiceContext, input: z.input<typeof restoreRevisionInput>): Promise<RestoreResult> {
  const data = restoreRevisionInput.parse(input);
  const authorId = ctx.viewer?.userId ?? null;
  const restored = await withSlugRetry(() =>
    ctx.db.transaction(async (tx) => {
      const post = await ownPost(ctx, data.id, { lockIn: tx });
      if (post.version !== data.baseVersion) throw postErrors.changedElsewhere();
      const revision = await tx.query.postRevisions.findFirst({
        where: and(eq(postRevisions.id, data.revisionId), eq(postRevisions.postId, post.id)),
      });
      if (!revision) throw postErrors.revisionNotFound();
      const text = { title: revision.title, document: revision.document };
      const [latest] = await tx
        .select({ version: postRevisions.version })
        .from(postRevisions)
        .where(eq(postRevisions.postId, post.id))
        .orderBy(desc(postRevisions.version), desc(postRevisions.createdAt), desc(postRevisions.id))
        .limit(1);
      // The text being replaced may postdate the last revision (autosaves keep one per ten minutes).
      if (!latest || latest.version !== post.version) {
        await recordRevision(tx, { postId: post.id, version: post.version, text: draftText(post), reason: "autosave", authorId, now: ctx.now });
      }
      const row = await writeDraftText(tx, post, text, ctx.now);
      await recordRevision(tx, { postId: row.id, version: row.version, text, reason: "restore", authorId, now: ctx.now });
      return { row, text };
    }),
  );
  return {
    id: restored.row.id,
    version: restored.row.version,
    slug: restored.row.slug,
    updatedAt: restored.row.updatedAt,
    title: restored.text.title,
    document: restored.text.document,
    hasPendingChanges: hasPendingChanges(restored.row),
  };
}
