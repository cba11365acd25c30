// The creator's dashboards: the same figures the studio's Analytics pages show, for the API later.
import "server-only";
import { analyticsRangeInput, analyticsTimeZoneInput, postAnalyticsInput } from "@/lib/schemas/analytics";
import { analyticsOverview, analyticsPosts, postAnalytics, setAnalyticsTimeZone } from "../../services/analytics/dashboard";
import { analyticsEarnings } from "../../services/analytics/earnings";
import { createTRPCRouter, creatorProcedure } from "../init";

export const analyticsRouter = createTRPCRouter({
  overview: creatorProcedure.input(analyticsRangeInput).query(({ ctx, input }) => analyticsOverview(ctx, input)),
  posts: creatorProcedure.input(analyticsRangeInput).query(({ ctx, input }) => analyticsPosts(ctx, input)),
  earnings: creatorProcedure.input(analyticsRangeInput).query(({ ctx, input }) => analyticsEarnings(ctx, input)),
  post: creatorProcedure.input(postAnalyticsInput).query(({ ctx, input }) => postAnalytics(ctx, input)),
  setTimeZone: creatorProcedure.input(analyticsTimeZoneInput).mutation(({ ctx, input }) => setAnalyticsTimeZone(ctx, input)),
});
