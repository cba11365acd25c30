import { searchPostsInput } from "@/lib/schemas/search";
import { searchPosts } from "../../services/search";
import { createTRPCRouter, publicProcedure } from "../init";

export const searchRouter = createTRPCRouter({
  posts: publicProcedure.input(searchPostsInput).query(({ ctx, input }) => searchPosts(ctx, input.q, input.limit)),
});
