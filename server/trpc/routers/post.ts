import {
  createPostInput,
  postByIdInput,
  postBySlugInput,
  postsByCreatorInput,
  pendingChangesInput,
  postSettingsInput,
  publishPostInput,
  restoreRevisionInput,
  revisionInput,
  revisionsInput,
  savePostInput,
} from "@/lib/schemas/post";
import { getReadablePost, listPublishedPosts, listRecentPublished } from "../../services/post-reads";
import { updatePostSettings } from "../../services/post-settings";
import {
  createPost,
  discardPendingChanges,
  getPostForEditor,
  listOwnPosts,
  previewPost,
  publishPendingChanges,
  publishPost,
  savePost,
} from "../../services/posts";
import { getRevision, listRevisions, restoreRevision } from "../../services/revisions";
import { listOwnTags } from "../../services/tags";
import { createTRPCRouter, creatorProcedure, publicProcedure } from "../init";

export const postRouter = createTRPCRouter({
  list: creatorProcedure.query(({ ctx }) => listOwnPosts(ctx)),
  byId: creatorProcedure.input(postByIdInput).query(({ ctx, input }) => getPostForEditor(ctx, input.id)),
  create: creatorProcedure.input(createPostInput).mutation(({ ctx, input }) => createPost(ctx, input)),
  save: creatorProcedure.input(savePostInput).mutation(({ ctx, input }) => savePost(ctx, input)),
  bySlug: publicProcedure.input(postBySlugInput).query(({ ctx, input }) => getReadablePost(ctx, input.handle, input.slug)),
  byCreator: publicProcedure
    .input(postsByCreatorInput)
    .query(({ ctx, input }) => listPublishedPosts(ctx, input.creatorId, input.limit)),
  recent: publicProcedure.query(({ ctx }) => listRecentPublished(ctx)),
  publish: creatorProcedure.input(publishPostInput).mutation(({ ctx, input }) => publishPost(ctx, input)),
  // The editor's side of a published post, its history, settings and preview.
  update: creatorProcedure.input(pendingChangesInput).mutation(({ ctx, input }) => publishPendingChanges(ctx, input)),
  discardChanges: creatorProcedure.input(pendingChangesInput).mutation(({ ctx, input }) => discardPendingChanges(ctx, input)),
  preview: creatorProcedure.input(postByIdInput).query(({ ctx, input }) => previewPost(ctx, input.id)),
  revisions: creatorProcedure.input(revisionsInput).query(({ ctx, input }) => listRevisions(ctx, input)),
  revision: creatorProcedure.input(revisionInput).query(({ ctx, input }) => getRevision(ctx, input)),
  restoreRevision: creatorProcedure.input(restoreRevisionInput).mutation(({ ctx, input }) => restoreRevision(ctx, input)),
  settings: creatorProcedure.input(postSettingsInput).mutation(({ ctx, input }) => updatePostSettings(ctx, input)),
  tags: creatorProcedure.query(({ ctx }) => listOwnTags(ctx)),
});
