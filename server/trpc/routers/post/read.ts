// What readers fetch: a post by its address, a creator's posts (the newest, or a page of the
// archive), the newest across creators, and where an old address now lives. Every answer comes
// through the access policy.
import "server-only";
import { postArchiveInput } from "@/lib/schemas/archive";
import { followInput } from "@/lib/schemas/discovery";
import { postBySlugInput, postsByCreatorInput } from "@/lib/schemas/post";
import {
  findSlugRedirect,
  getReadablePost,
  listPublishedPosts,
  listPublishedPostsPage,
  listRecentPublished,
  readFeaturedPost,
} from "../../../services/posts/reads";
import { publishedTagsOf } from "../../../services/posts/tags";
import { createTRPCRouter, publicProcedure } from "../../init";

export const postReadRouter = createTRPCRouter({
  bySlug: publicProcedure.input(postBySlugInput).query(({ ctx, input }) => getReadablePost(ctx, input.handle, input.slug)),
  byCreator: publicProcedure
    .input(postsByCreatorInput)
    .query(({ ctx, input }) => listPublishedPosts(ctx, input.creatorId, input.limit)),
  archive: publicProcedure.input(postArchiveInput).query(({ ctx, input }) => listPublishedPostsPage(ctx, input.creatorId, input)),
  /** The post a creator's page shows first, as this viewer may see it. */
  featured: publicProcedure.input(followInput).query(({ ctx, input }) => readFeaturedPost(ctx, input.creatorId)),
  /** What a creator's archive can be filtered by: the tags on their published posts. */
  archiveTags: publicProcedure.input(followInput).query(({ ctx, input }) => publishedTagsOf(ctx, input.creatorId)),
  recent: publicProcedure.query(({ ctx }) => listRecentPublished(ctx)),
  slugRedirect: publicProcedure.input(postBySlugInput).query(({ ctx, input }) => findSlugRedirect(ctx, input.handle, input.slug)),
});
