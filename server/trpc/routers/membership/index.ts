// Memberships, the fan's side and the creator's: joining, paying, changing and ending; the
// creator's tiers (membership.tiers.*), their members, and who hears from whom by email
// (membership.emails.*).
import { headers } from "next/headers";
import {
  changeTierInput,
  checkoutInput,
  joinFreeInput,
  membershipIdInput,
  membersListInput,
  stripeCheckoutInput,
} from "@/lib/schemas/membership";
import { listMembers } from "../../../services/memberships/audience";
import {
  cancelMembership,
  changeTier,
  checkout,
  joinFree,
  listMyMemberships,
  resumeMembership,
} from "../../../services/memberships/join";
import { checkoutProvider } from "../../../services/memberships/payments/config";
import { startStripeCheckout } from "../../../services/memberships/payments/stripe";
import { createTRPCRouter, creatorProcedure, protectedProcedure, publicProcedure } from "../../init";
import { membershipEmailsRouter } from "./emails";
import { tierRouter } from "./tiers";

/** This site's public origin, for the addresses an outside payment page sends the fan back to. */
async function siteOrigin(): Promise<string> {
  if (process.env.AUTH_URL) return new URL(process.env.AUTH_URL).origin;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}

export const membershipRouter = createTRPCRouter({
  mine: protectedProcedure.query(({ ctx }) => listMyMemberships(ctx)),
  joinFree: protectedProcedure.input(joinFreeInput).mutation(({ ctx, input }) => joinFree(ctx, input)),
  checkout: protectedProcedure.input(checkoutInput).mutation(({ ctx, input }) => checkout(ctx, input)),
  /** "stripe" or "sandbox": which payment form the join page shows. */
  checkoutProvider: publicProcedure.query(() => checkoutProvider()),
  startStripeCheckout: protectedProcedure
    .input(stripeCheckoutInput)
    .mutation(async ({ ctx, input }) => startStripeCheckout(ctx, input, await siteOrigin())),
  cancel: protectedProcedure.input(membershipIdInput).mutation(({ ctx, input }) => cancelMembership(ctx, input)),
  resume: protectedProcedure.input(membershipIdInput).mutation(({ ctx, input }) => resumeMembership(ctx, input)),
  changeTier: protectedProcedure.input(changeTierInput).mutation(({ ctx, input }) => changeTier(ctx, input)),
  members: creatorProcedure.input(membersListInput).query(({ ctx, input }) => listMembers(ctx, input)),
  tiers: tierRouter,
  emails: membershipEmailsRouter,
});
