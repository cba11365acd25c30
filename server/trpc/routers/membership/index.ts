// Memberships, the fan's side and the creator's: joining, paying, changing and ending; the
// creator's tiers (membership.tiers.*), their members, and who hears from whom by email
// (membership.emails.*).
import "server-only";
import {
  changeTierInput,
  checkoutInput,
  joinFreeInput,
  membershipIdInput,
  updateCardInput,
  membersListInput,
  stripeCheckoutInput,
} from "@/lib/schemas/membership";
import { siteOrigin } from "../../../http/site-origin";
import { listMembers } from "../../../services/memberships/audience";
import { myBillingHistory, stripePortal, updateCard } from "../../../services/memberships/billing";
import { cancelMembership, changeTier, listMyMemberships, listPastMemberships, resumeMembership } from "../../../services/memberships/change";
import { checkout, joinFree } from "../../../services/memberships/join";
import { checkoutProvider } from "../../../services/memberships/payments/config";
import { startStripeCheckout } from "../../../services/memberships/payments/stripe";
import { createTRPCRouter, creatorProcedure, protectedProcedure, publicProcedure } from "../../init";
import { membershipEmailsRouter } from "./emails";
import { tierRouter } from "./tiers";

export const membershipRouter = createTRPCRouter({
  mine: protectedProcedure.query(({ ctx }) => listMyMemberships(ctx)),
  /** Creators the viewer was a member of and is no longer, to rejoin. */
  past: protectedProcedure.query(({ ctx }) => listPastMemberships(ctx)),
  joinFree: protectedProcedure.input(joinFreeInput).mutation(({ ctx, input }) => joinFree(ctx, input)),
  checkout: protectedProcedure.input(checkoutInput).mutation(({ ctx, input }) => checkout(ctx, input)),
  /** "stripe" or "sandbox": which payment form the join page shows. */
  checkoutProvider: publicProcedure.query(() => checkoutProvider()),
  /** Stripe sends the fan back to this site's configured origin, never one taken from the request. */
  startStripeCheckout: protectedProcedure
    .input(stripeCheckoutInput)
    .mutation(({ ctx, input }) => startStripeCheckout(ctx, input, siteOrigin())),
  cancel: protectedProcedure.input(membershipIdInput).mutation(({ ctx, input }) => cancelMembership(ctx, input)),
  resume: protectedProcedure.input(membershipIdInput).mutation(({ ctx, input }) => resumeMembership(ctx, input)),
  changeTier: protectedProcedure.input(changeTierInput).mutation(({ ctx, input }) => changeTier(ctx, input)),
  /** Every charge of each of the viewer's memberships. */
  billing: protectedProcedure.query(({ ctx }) => myBillingHistory(ctx)),
  updateCard: protectedProcedure.input(updateCardInput).mutation(({ ctx, input }) => updateCard(ctx, input)),
  /** Stripe's customer portal for a Stripe membership; it sends the fan back to their memberships page. */
  stripePortal: protectedProcedure
    .input(membershipIdInput)
    .mutation(({ ctx, input }) => stripePortal(ctx, input, `${siteOrigin()}/account/memberships`)),
  members: creatorProcedure.input(membersListInput).query(({ ctx, input }) => listMembers(ctx, input)),
  tiers: tierRouter,
  emails: membershipEmailsRouter,
});
