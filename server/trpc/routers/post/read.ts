// What readers fetch: a post by its address, a creator's posts (the newest, or a page of the
// archive), the newest across creators, and where an old address now lives. Every answer comes
// through the access policy.
import "server-only";
import { postArchiveInput, postBySlugInput, postsByCreatorInput } from "@/lib/schemas/post";
import {
  findSlugRedirect,
  getReadablePost,
  listPublishedPosts,
  listPublishedPostsPage,
  listRecentPublished,
} from "../../../services/posts/reads";
import { createTRPCRouter, publicProcedure } from "../../init";

export const postReadRouter = createTRPCRouter({
  bySlug: publicProcedure.input(postBySlugInput).query(({ ctx, input }) => getReadablePost(ctx, input.handle, input.slug)),
  byCreator: publicProcedure
    .input(postsByCreatorInput)
    .query(({ ctx, input }) => listPublishedPosts(ctx, input.creatorId, input.limit)),
  archive: publicProcedure.input(postArchiveInput).query(({ ctx, input }) => listPublishedPostsPage(ctx, input.creatorId, input)),
  recent: publicProcedure.query(({ ctx }) => listRecentPublished(ctx)),
  slugRedirect: publicProcedure.input(postBySlugInput).query(({ ctx, input }) => findSlugRedirect(ctx, input.handle, input.slug)),
});
