// Following creators, the fan's home feed, explore, creators recommending creators, and a fan's
// choice to see pages for adults.
import "server-only";
import {
  addRecommendationInput,
  adultPagesInput,
  exploreCategoryInput,
  followInput,
  followStatesInput,
  pageInput,
  removeRecommendationInput,
  reorderRecommendationsInput,
  updateRecommendationInput,
} from "@/lib/schemas/discovery";
import { followCreator, followStates, listFollowers, unfollowCreator } from "../../services/discovery/follows";
import { readExplore, readExploreCategory } from "../../services/discovery/explore";
import { readHomeFeed } from "../../services/discovery/home-feed";
import { setShowAdultPages, viewerSeesAdultPages } from "../../services/discovery/listing";
import {
  addRecommendation,
  removeRecommendation,
  reorderRecommendations,
  shownWith,
  studioRecommendations,
  updateRecommendation,
} from "../../services/discovery/recommendations";
import { createTRPCRouter, creatorProcedure, protectedProcedure, publicProcedure } from "../init";

export const discoveryRouter = createTRPCRouter({
  follow: protectedProcedure.input(followInput).mutation(({ ctx, input }) => followCreator(ctx, input)),
  unfollow: protectedProcedure.input(followInput).mutation(({ ctx, input }) => unfollowCreator(ctx, input)),
  /** Whom of these creators the viewer follows (nobody, signed out). */
  followStates: publicProcedure.input(followStatesInput).query(({ ctx, input }) => followStates(ctx, input)),
  followers: creatorProcedure.input(pageInput).query(({ ctx, input }) => listFollowers(ctx, input)),
  homeFeed: protectedProcedure.input(pageInput).query(({ ctx, input }) => readHomeFeed(ctx, input)),
  /** New, Trending, Rising and the categories, as this viewer's listing choices allow. */
  explore: publicProcedure.query(({ ctx }) => readExplore(ctx)),
  /** A category's creators and their newest posts; null for a category not on the list. */
  exploreCategory: publicProcedure.input(exploreCategoryInput).query(({ ctx, input }) => readExploreCategory(ctx, input)),
  showsAdultPages: protectedProcedure.query(({ ctx }) => viewerSeesAdultPages(ctx)),
  setShowAdultPages: protectedProcedure.input(adultPagesInput).mutation(({ ctx, input }) => setShowAdultPages(ctx, input)),
  /** Whom a creator recommends and whom their fans also support: public, on their page. */
  shownWith: publicProcedure.input(followInput).query(({ ctx, input }) => shownWith(ctx, input)),
  /** The creator's recommendations and those of them, each with the clicks and joins it brought. */
  recommendations: creatorProcedure.query(({ ctx }) => studioRecommendations(ctx)),
  recommend: creatorProcedure.input(addRecommendationInput).mutation(({ ctx, input }) => addRecommendation(ctx, input)),
  updateRecommendation: creatorProcedure.input(updateRecommendationInput).mutation(({ ctx, input }) => updateRecommendation(ctx, input)),
  removeRecommendation: creatorProcedure.input(removeRecommendationInput).mutation(({ ctx, input }) => removeRecommendation(ctx, input)),
  reorderRecommendations: creatorProcedure.input(reorderRecommendationsInput).mutation(({ ctx, input }) => reorderRecommendations(ctx, input)),
});
