// Post settings beside the text: address (until first publish), preview text and teaser mode,
// cover image, tags, comments and the publish notification. Access is the access policy's own.
import "server-only";
import { eq } from "drizzle-orm";
import { posts } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { postSettingsInput, type PostSettingsInput } from "@/lib/schemas/post";
import type { ServiceContext } from "../context";
import { requireOwnCoverImage } from "../media/files";
import { teaserColumns } from "./derived";
import { chosenSlug, keepOldSlug, withSlugRetry } from "./slugs";
import { ownPost, type PostRow } from "./store";
import { setPostTags, tagsOfPost } from "./tags";
import { postPagesChanged } from "./public-pages";

export type PostSettings = Pick<
  PostRow,
  "id" | "slug" | "teaserMode" | "previewText" | "teaserHtml" | "coverMediaId" | "commentAccess" | "notifyMembers" | "publishedAt"
> & { tags: string[]; slugLocked: boolean };

function settingsOf(post: PostRow, tags: string[]): PostSettings {
  return {
    id: post.id,
    slug: post.slug,
    teaserMode: post.teaserMode,
    previewText: post.previewText,
    teaserHtml: post.teaserHtml,
    coverMediaId: post.coverMediaId,
    commentAccess: post.commentAccess,
    notifyMembers: post.notifyMembers,
    publishedAt: post.publishedAt,
    tags,
    slugLocked: post.publishedAt !== null,
  };
}

/**
 * Changes only the settings named in `input`. They do not bump the text's version: an editor
 * open elsewhere keeps saving its text without a conflict. They apply at once, also to a
 * published post (the teaser is re-derived from the live text).
 */
export async function updatePostSettings(ctx: ServiceContext, input: PostSettingsInput): Promise<PostSettings> {
  const data = postSettingsInput.parse(input);
  if (data.coverMediaId) await requireOwnCoverImage(ctx.db, (await ownPost(ctx, data.id)).creatorId, data.coverMediaId);

  let saved: PostRow | undefined;
  const settings = await withSlugRetry(() =>
    ctx.db.transaction(async (tx) => {
      const post = await ownPost(ctx, data.id, { lockIn: tx });
      const values: Partial<PostRow> = {};

      if (data.slug !== undefined && data.slug !== post.slug) {
        // NOTE: shared links must never break, so the address is frozen at the first publish.
        if (post.publishedAt) {
          throw new AppError(AppErrorCode.INVALID_INPUT, "The address is fixed once a post has been published.", { field: "slug" });
        }
        values.slug = await chosenSlug(tx, post, data.slug);
        await keepOldSlug(tx, post, values.slug, ctx.now);
      }
      if (data.teaserMode !== undefined) values.teaserMode = data.teaserMode;
      if (data.previewText !== undefined) values.previewText = data.previewText.trim();
      if (data.teaserMode === "custom" && !(values.previewText ?? post.previewText)) {
        throw new AppError(AppErrorCode.INVALID_INPUT, "Write the preview text non-members will see.", { field: "previewText" });
      }
      if (data.coverMediaId !== undefined) values.coverMediaId = data.coverMediaId;
      if (data.commentAccess !== undefined) values.commentAccess = data.commentAccess;
      if (data.notifyMembers !== undefined) values.notifyMembers = data.notifyMembers;
      if (values.teaserMode !== undefined || values.previewText !== undefined) {
        const teaser = { teaserMode: values.teaserMode ?? post.teaserMode, previewText: values.previewText ?? post.previewText };
        Object.assign(values, teaserColumns(post.document, teaser));
      }

      let row = post;
      if (Object.keys(values).length > 0) {
        const [updated] = await tx
          .update(posts)
          .set({ ...values, updatedAt: ctx.now })
          .where(eq(posts.id, post.id))
          .returning();
        row = updated!;
      }
      const tags = data.tags !== undefined ? await setPostTags(tx, post.creatorId, post.id, data.tags) : await tagsOfPost(tx, post.id);
      saved = row;
      return settingsOf(row, tags);
    }),
  );
  // The teaser, cover and tags show on the public pages; a draft's slug shows nowhere yet, but a
  // reader may have asked for the address before.
  await postPagesChanged(ctx.db, saved!);
  return settings;
}
