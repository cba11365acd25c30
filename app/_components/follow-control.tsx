// Where a page offers to follow a creator: the button for a signed-in viewer, a way to sign in for
// anyone else (the page anonymous readers share carries only this link), nothing on one's own page.
import Link from "next/link";
import { buttonClass } from "./button";
import { FollowButton } from "./follow-button";

export type FollowerView = "anonymous" | "own" | "following" | "not-following";

export function FollowControl({
  creatorId,
  creatorName,
  view,
  returnTo,
  size = "regular",
  secondary = false,
}: {
  creatorId: string;
  creatorName: string;
  view: FollowerView;
  /** Where signing in brings the viewer back to. */
  returnTo: string;
  size?: "small" | "regular";
  /** Drawn as the page's second action (beside Join). */
  secondary?: boolean;
}) {
  if (view === "own") return null;
  if (view === "anonymous") {
    return (
      <Link
        href={`/login?callbackUrl=${encodeURIComponent(returnTo)}`}
        className={buttonClass(secondary ? "secondary" : "primary", size === "small" ? "px-3 py-1 text-xs" : "")}
      >
        Follow<span className="sr-only"> {creatorName}</span>
      </Link>
    );
  }
  return (
    <FollowButton creatorId={creatorId} creatorName={creatorName} initiallyFollowing={view === "following"} size={size} secondary={secondary} />
  );
}

/** How each of a page's creators looks to this viewer, from the states the server read. */
export function followerViews(
  signedIn: boolean,
  states: { following: readonly string[]; ownCreatorId: string | null },
): (creatorId: string) => FollowerView {
  const following = new Set(states.following);
  return (creatorId) => {
    if (!signedIn) return "anonymous";
    if (creatorId === states.ownCreatorId) return "own";
    return following.has(creatorId) ? "following" : "not-following";
  };
}
