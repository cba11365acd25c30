// The one access policy: what a viewer may see of a post. Every channel asks here; deny is the
// default, and anything not explicitly granted falls through to "hidden" or "teaser".

export type PostAccessFacts = {
  creatorId: string;
  status: "draft" | "scheduled" | "published" | "archived";
  access: "public" | "members" | "paid" | "tiers";
};

export type AccessViewer = {
  userId: string;
  /** The creator page this viewer owns, if any. */
  creatorId: string | null;
} | null;

/**
 * - `hidden`: behave exactly as if the post did not exist (404), never hint that it does.
 * - `teaser`: the post exists for this viewer, but its body does not.
 * - `full`: the whole post.
 */
export type PostVisibility = "hidden" | "teaser" | "full";

export function decidePostVisibility(post: PostAccessFacts, viewer: AccessViewer): PostVisibility {
  // CASE: the creator sees everything of their own, in every state.
  if (viewer?.creatorId && viewer.creatorId === post.creatorId) return "full";
  // CASE: drafts, scheduled and archived posts are indistinguishable from missing ones.
  if (post.status !== "published") return "hidden";
  if (post.access === "public") return "full";
  // NOTE: memberships are not modelled yet, so every gated level shows the teaser only.
  // This is the fail-closed default: a new access level without a rule never leaks its body.
  return "teaser";
}
