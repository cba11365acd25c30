// One word for each state a membership can be in, read the same by the fan (their memberships
// page) and the creator (their audience), so both name the same thing alike.
import type { MemberRow } from "@/server/services/memberships/audience";

export type MembershipState = MemberRow["status"];

const WORDS: Record<MembershipState, string> = {
  active: "Active",
  // The member cancelled; access goes on until the period they paid for ends (said beside it).
  cancelling: "Cancelled",
  past_due: "Payment failed",
  expired: "Ended",
  // Past its period, not yet closed by the renewal job: to the people involved, it has ended.
  lapsed: "Ended",
};

/** The word for a membership's state; one that no longer grants access reads "Ended" whatever is stored. */
export function membershipStateWord(status: MembershipState, live = true): string {
  return live ? WORDS[status] : WORDS.lapsed;
}
