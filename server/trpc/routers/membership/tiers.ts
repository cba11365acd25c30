import "server-only";
import { createTierInput, publicTiersInput, reorderTiersInput, tierByIdInput, updateTierInput } from "@/lib/schemas/tier";
import { getCreatorByHandle } from "../../../services/creators";
import { archiveTier, createTier, listOwnTiers, listPublishedTiers, publishTier, reorderTiers, updateTier } from "../../../services/memberships/tiers";
import { createTRPCRouter, creatorProcedure, publicProcedure } from "../../init";

export const tierRouter = createTRPCRouter({
  list: creatorProcedure.query(({ ctx }) => listOwnTiers(ctx)),
  create: creatorProcedure.input(createTierInput).mutation(({ ctx, input }) => createTier(ctx, input)),
  update: creatorProcedure.input(updateTierInput).mutation(({ ctx, input }) => updateTier(ctx, input)),
  publish: creatorProcedure.input(tierByIdInput).mutation(({ ctx, input }) => publishTier(ctx, input.id)),
  archive: creatorProcedure.input(tierByIdInput).mutation(({ ctx, input }) => archiveTier(ctx, input.id)),
  reorder: creatorProcedure.input(reorderTiersInput).mutation(({ ctx, input }) => reorderTiers(ctx, input)),
  byHandle: publicProcedure.input(publicTiersInput).query(async ({ ctx, input }) => {
    const creator = await getCreatorByHandle(ctx, input.handle);
    return creator ? { creator, tiers: await listPublishedTiers(ctx, creator.id) } : null;
  }),
});
