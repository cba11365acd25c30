// Membership periods that ended: renewed, downgraded or ended by a periodic job. The renewal
// service claims each membership itself, so overlapping runs are harmless. New members' welcome
// emails: one job per join, and a sweep every minute for any a lost job or a failed send missed.
import "server-only";
import { renewDueMemberships } from "../services/memberships/renewals";
import { sendWelcome, welcomeMissed } from "../services/memberships/welcome";
import { SEND_WELCOME_EMAIL, type SendWelcomeEmailJob } from "./queues";
import { registerPeriodicJob, registerQueue } from "./registry";

export const RENEW_DUE_MEMBERSHIPS = "renew-due-memberships";
export const WELCOME_MISSED_MEMBERS = "welcome-missed-members";

export async function registerMembershipJobs(): Promise<void> {
  await registerPeriodicJob(RENEW_DUE_MEMBERSHIPS, 15, async ({ db, now }) => {
    await renewDueMemberships(db, now);
  });
  await registerQueue<SendWelcomeEmailJob>(SEND_WELCOME_EMAIL, async ({ membershipId }, { db, now }) => {
    await sendWelcome(db, membershipId, now);
  });
  await registerPeriodicJob(WELCOME_MISSED_MEMBERS, 1, async ({ db, now }) => {
    await welcomeMissed(db, now);
  });
}
