// Posts: the editor's own procedures here, and one sub-router per concept (post.read.*,
// post.revisions.*, post.access.*, post.lifecycle.*, post.library.*).
import "server-only";
import {
  createPostInput,
  pendingChangesInput,
  postByIdInput,
  postSettingsInput,
  publishPostInput,
  savePostInput,
} from "@/lib/schemas/post";
import { searchInput } from "@/lib/schemas/search";
import {
  createPost,
  discardPendingChanges,
  getPostForEditor,
  previewPost,
  publishPendingChanges,
  publishPostAndReport,
  savePost,
} from "../../../services/posts/editing";
import { getPostReach } from "../../../services/posts/reach";
import { search } from "../../../services/posts/search";
import { updatePostSettings } from "../../../services/posts/settings";
import { createTRPCRouter, creatorProcedure, publicProcedure } from "../../init";
import { postAccessRouter } from "./access";
import { postCollectionsRouter } from "./collections";
import { postLibraryRouter } from "./library";
import { postLifecycleRouter } from "./lifecycle";
import { postReadRouter } from "./read";
import { postRevisionsRouter } from "./revisions";

export const postRouter = createTRPCRouter({
  byId: creatorProcedure.input(postByIdInput).query(({ ctx, input }) => getPostForEditor(ctx, input.id)),
  create: creatorProcedure.input(createPostInput).mutation(({ ctx, input }) => createPost(ctx, input)),
  save: creatorProcedure.input(savePostInput).mutation(({ ctx, input }) => savePost(ctx, input)),
  publish: creatorProcedure.input(publishPostInput).mutation(({ ctx, input }) => publishPostAndReport(ctx, input)),
  // Who the post reaches if it goes out now: the publish step shows it before the creator decides.
  reach: creatorProcedure.input(postByIdInput).query(({ ctx, input }) => getPostReach(ctx, input)),
  // A published post's pending changes: put them live, or drop them.
  update: creatorProcedure.input(pendingChangesInput).mutation(({ ctx, input }) => publishPendingChanges(ctx, input)),
  discardChanges: creatorProcedure.input(pendingChangesInput).mutation(({ ctx, input }) => discardPendingChanges(ctx, input)),
  preview: creatorProcedure.input(postByIdInput).query(({ ctx, input }) => previewPost(ctx, input.id)),
  settings: creatorProcedure.input(postSettingsInput).mutation(({ ctx, input }) => updatePostSettings(ctx, input)),
  // Creators and posts (posts are this router's; creators come along, as the search box finds both).
  search: publicProcedure.input(searchInput).query(({ ctx, input }) => search(ctx, input)),
  read: postReadRouter,
  revisions: postRevisionsRouter,
  access: postAccessRouter,
  lifecycle: postLifecycleRouter,
  library: postLibraryRouter,
  collections: postCollectionsRouter,
});
