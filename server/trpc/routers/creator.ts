// Creator pages: setting one up, its profile, finding it by handle, and the creator's own image
// library (for cover pickers).
import "server-only";
import { creatorByHandleInput, creatorListingInput, creatorProfileInput, featuredPostInput, handleAvailabilityInput } from "@/lib/schemas/creator";
import {
  checkHandleAvailability,
  findHandleRedirect,
  createCreatorPage,
  getCreatorByHandle,
  getOwnCreator,
  setFeaturedPost,
  updateCreatorListing,
  updateCreatorProfile,
} from "../../services/creators";
import { listOwnImages } from "../../services/media/library";
import { mediaImagesInput } from "@/lib/schemas/media";
import { createTRPCRouter, creatorProcedure, protectedProcedure, publicProcedure } from "../init";

export const creatorRouter = createTRPCRouter({
  byHandle: publicProcedure.input(creatorByHandleInput).query(({ ctx, input }) => getCreatorByHandle(ctx, input.handle)),
  /** Where a renamed handle lives now, or null. */
  movedTo: publicProcedure.input(creatorByHandleInput).query(({ ctx, input }) => findHandleRedirect(ctx, input.handle)),
  me: protectedProcedure.query(({ ctx }) => getOwnCreator(ctx)),
  handleAvailability: protectedProcedure
    .input(handleAvailabilityInput)
    .query(({ ctx, input }) => checkHandleAvailability(ctx, input.handle)),
  setup: protectedProcedure.input(creatorProfileInput).mutation(({ ctx, input }) => createCreatorPage(ctx, input)),
  update: creatorProcedure.input(creatorProfileInput).mutation(({ ctx, input }) => updateCreatorProfile(ctx, input)),
  /** Category, adults only, and the language the creator writes in. */
  setListing: creatorProcedure.input(creatorListingInput).mutation(({ ctx, input }) => updateCreatorListing(ctx, input)),
  setFeatured: creatorProcedure.input(featuredPostInput).mutation(({ ctx, input }) => setFeaturedPost(ctx, input)),
  images: creatorProcedure.input(mediaImagesInput).query(({ ctx, input }) => listOwnImages(ctx, input)),
});
