import { changeTierInput, checkoutInput, joinFreeInput, membershipIdInput, membersListInput } from "@/lib/schemas/membership";
import { listMembers } from "../../services/audience";
import {
  cancelMembership,
  changeTier,
  checkout,
  joinFree,
  listMyMemberships,
  resumeMembership,
} from "../../services/memberships";
import { createTRPCRouter, creatorProcedure, protectedProcedure } from "../init";

export const membershipRouter = createTRPCRouter({
  mine: protectedProcedure.query(({ ctx }) => listMyMemberships(ctx)),
  joinFree: protectedProcedure.input(joinFreeInput).mutation(({ ctx, input }) => joinFree(ctx, input)),
  checkout: protectedProcedure.input(checkoutInput).mutation(({ ctx, input }) => checkout(ctx, input)),
  cancel: protectedProcedure.input(membershipIdInput).mutation(({ ctx, input }) => cancelMembership(ctx, input)),
  resume: protectedProcedure.input(membershipIdInput).mutation(({ ctx, input }) => resumeMembership(ctx, input)),
  changeTier: protectedProcedure.input(changeTierInput).mutation(({ ctx, input }) => changeTier(ctx, input)),
  members: creatorProcedure.input(membersListInput).query(({ ctx, input }) => listMembers(ctx, input)),
});
