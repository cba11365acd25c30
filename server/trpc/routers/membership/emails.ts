import "server-only";
import { setCreatorEmailsInput, unsubscribeInput } from "@/lib/schemas/notification";
import { describeUnsubscribeToken, listOptedOutCreatorIds, setCreatorEmails, unsubscribeByToken } from "../../../services/memberships/email-preferences";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../../init";

export const membershipEmailsRouter = createTRPCRouter({
  /** The creators whose emails the viewer turned off. */
  optedOut: protectedProcedure.query(({ ctx }) => listOptedOutCreatorIds(ctx)),
  setCreatorEmails: protectedProcedure.input(setCreatorEmailsInput).mutation(({ ctx, input }) => setCreatorEmails(ctx, input)),
  /** Which creator an email's unsubscribe link is about; changes nothing. */
  unsubscribeTarget: publicProcedure
    .input(unsubscribeInput)
    .query(async ({ ctx, input }) => ({ creator: (await describeUnsubscribeToken(ctx.db, input.token)).creator })),
  /** The confirmed unsubscribe from an email's link: the signed token is the only credential. */
  unsubscribe: publicProcedure.input(unsubscribeInput).mutation(({ ctx, input }) => unsubscribeByToken(ctx.db, input.token)),
});
