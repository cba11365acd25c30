// Every few minutes: what came in is rolled up into the dashboards' hours and days, raw events past
// their keeping time are deleted, and salts older than 48 hours with them.
import "server-only";
import { env } from "../env";
import { log } from "../observability/log";
import { purgeRawEvents, rollUpAnalytics } from "../services/analytics/rollup";
import { purgeOldSalts } from "../services/analytics/visitor";
import { registerPeriodicJob } from "./registry";

export const ROLL_UP_ANALYTICS = "roll-up-analytics";
export const ROLLUP_EVERY_MINUTES = 5;

export async function registerAnalyticsJobs(): Promise<void> {
  await registerPeriodicJob(ROLL_UP_ANALYTICS, ROLLUP_EVERY_MINUTES, async ({ db, now }) => {
    const rolled = await rollUpAnalytics(db);
    const purged = await purgeRawEvents(db, now, env().ANALYTICS_RAW_DAYS);
    const salts = await purgeOldSalts(db, now);
    if (purged > 0 || salts > 0) log.info({ ...rolled, purged, salts }, "analytics rolled up; old raw events and salts deleted");
  });
}
