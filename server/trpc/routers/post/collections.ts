// Collections: the creator builds them (post.collections.*), readers read them through the
// access policy (byAddress, places).
import "server-only";
import {
  collectionByAddressInput,
  collectionIdInput,
  collectionPlacesInput,
  createCollectionInput,
  setCollectionPostsInput,
  updateCollectionInput,
} from "@/lib/schemas/collection";
import { followInput } from "@/lib/schemas/discovery";
import {
  collectionPlaces,
  collectionsOf,
  createCollection,
  deleteCollection,
  readCollection,
  setCollectionPosts,
  studioCollections,
  updateCollection,
} from "../../../services/posts/collections";
import { createTRPCRouter, creatorProcedure, publicProcedure } from "../../init";

export const postCollectionsRouter = createTRPCRouter({
  mine: creatorProcedure.query(({ ctx }) => studioCollections(ctx)),
  create: creatorProcedure.input(createCollectionInput).mutation(({ ctx, input }) => createCollection(ctx, input)),
  update: creatorProcedure.input(updateCollectionInput).mutation(({ ctx, input }) => updateCollection(ctx, input)),
  remove: creatorProcedure.input(collectionIdInput).mutation(({ ctx, input }) => deleteCollection(ctx, input)),
  setPosts: creatorProcedure.input(setCollectionPostsInput).mutation(({ ctx, input }) => setCollectionPosts(ctx, input)),
  byAddress: publicProcedure.input(collectionByAddressInput).query(({ ctx, input }) => readCollection(ctx, input.handle, input.slug)),
  ofCreator: publicProcedure.input(followInput).query(({ ctx, input }) => collectionsOf(ctx, input.creatorId)),
  places: publicProcedure.input(collectionPlacesInput).query(({ ctx, input }) => collectionPlaces(ctx, input.postId)),
});
