import type { PastMembership } from "@/server/services/memberships/change";

/** Where a former member rejoins: their old tier chosen when it still takes members. */
export function rejoinHref(past: Pick<PastMembership, "creator" | "tier">): string {
  return past.tier.rejoinable ? `/${past.creator.handle}/join?tier=${encodeURIComponent(past.tier.id)}` : `/${past.creator.handle}/join`;
}
