// Following creators and the fan's home feed.
import "server-only";
import { followInput, followStatesInput, pageInput } from "@/lib/schemas/discovery";
import { followCreator, followStates, listFollowers, unfollowCreator } from "../../services/discovery/follows";
import { readHomeFeed } from "../../services/discovery/home-feed";
import { createTRPCRouter, creatorProcedure, protectedProcedure, publicProcedure } from "../init";

export const discoveryRouter = createTRPCRouter({
  follow: protectedProcedure.input(followInput).mutation(({ ctx, input }) => followCreator(ctx, input)),
  unfollow: protectedProcedure.input(followInput).mutation(({ ctx, input }) => unfollowCreator(ctx, input)),
  /** Whom of these creators the viewer follows (nobody, signed out). */
  followStates: publicProcedure.input(followStatesInput).query(({ ctx, input }) => followStates(ctx, input)),
  followers: creatorProcedure.input(pageInput).query(({ ctx, input }) => listFollowers(ctx, input)),
  homeFeed: protectedProcedure.input(pageInput).query(({ ctx, input }) => readHomeFeed(ctx, input)),
});
