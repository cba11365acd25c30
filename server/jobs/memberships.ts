// Membership periods that ended: renewed, downgraded or ended by a periodic job. The renewal
// service claims each membership itself, so overlapping runs are harmless.
import "server-only";
import { renewDueMemberships } from "../services/memberships/renewals";
import { registerPeriodicJob } from "./registry";

export const RENEW_DUE_MEMBERSHIPS = "renew-due-memberships";

export async function registerMembershipJobs(): Promise<void> {
  await registerPeriodicJob(RENEW_DUE_MEMBERSHIPS, 15, async ({ db, now }) => {
    await renewDueMemberships(db, now);
  });
}
