import {
  createPostInput,
  postByIdInput,
  postBySlugInput,
  postsByCreatorInput,
  publishPostInput,
  savePostInput,
} from "@/lib/schemas/post";
import {
  createPost,
  getPostForEditor,
  getReadablePost,
  listOwnPosts,
  listPublishedPosts,
  listRecentPublished,
  publishPost,
  savePost,
} from "../../services/posts";
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
});
