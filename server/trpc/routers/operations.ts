// The instance operator's health page: everything at once, and a failed job retried or discarded.
// Anyone but an operator is told these do not exist (the services decide).
import "server-only";
import { discardFailedJob, jobRefInput, retryFailedJob } from "../../services/operations/jobs";
import { getOperationsOverview } from "../../services/operations/overview";
import { createTRPCRouter, protectedProcedure } from "../init";

export const operationsRouter = createTRPCRouter({
  overview: protectedProcedure.query(({ ctx }) => getOperationsOverview(ctx)),
  retryJob: protectedProcedure.input(jobRefInput).mutation(({ ctx, input }) => retryFailedJob(ctx, input)),
  discardJob: protectedProcedure.input(jobRefInput).mutation(({ ctx, input }) => discardFailedJob(ctx, input)),
});
