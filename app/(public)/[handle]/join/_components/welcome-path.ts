// Where a fan goes once they have joined: the welcome step (the confirmation page), which says what
// they joined, shows whom the creator recommends, and leads back to where they were.

/** What the join is credited to, as the join page's address asked (checked again by the join). */
export type Credit = { attributedPostId: string | null; recommendationId: string | null };

export function welcomePath(handle: string, tierId: string, membershipId: string, next: string): string {
  return `/${handle}/join/${encodeURIComponent(tierId)}/confirm?${new URLSearchParams({ membership: membershipId, next })}`;
}
