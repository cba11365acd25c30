// The hourly purge of rate-limit windows that have ended.
import "server-only";
import { purgeExpiredRateLimits } from "../services/rate-limit";
import { registerPeriodicJob } from "./registry";

export const PURGE_EXPIRED_RATE_LIMITS = "purge-expired-rate-limits";

export async function registerRateLimitJobs(): Promise<void> {
  await registerPeriodicJob(PURGE_EXPIRED_RATE_LIMITS, 60, async ({ db, now }) => {
    await purgeExpiredRateLimits(db, now);
  });
}
