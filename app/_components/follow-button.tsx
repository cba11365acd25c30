"use client";
// Follow or stop following a creator, for a signed-in viewer: saved at once, the button says which
// it is now, and a refused change says why next to the button.

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { TRPCReactProvider, useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { buttonClass } from "./button";

type Props = {
  creatorId: string;
  creatorName: string;
  initiallyFollowing: boolean;
  size?: "small" | "regular";
  /** Drawn as the page's second action (beside Join). */
  secondary?: boolean;
};

export function FollowButton(props: Props) {
  return (
    <TRPCReactProvider>
      <FollowToggle {...props} />
    </TRPCReactProvider>
  );
}

function FollowToggle({ creatorId, creatorName, initiallyFollowing, size = "regular", secondary = false }: Props) {
  const trpc = useTRPC();
  const [following, setFollowing] = useState(initiallyFollowing);
  const onSuccess = (state: { following: boolean }) => setFollowing(state.following);
  const follow = useMutation(trpc.discovery.follow.mutationOptions({ onSuccess }));
  const unfollow = useMutation(trpc.discovery.unfollow.mutationOptions({ onSuccess }));
  const pending = follow.isPending || unfollow.isPending;
  const error = follow.error ?? unfollow.error;
  const sizing = size === "small" ? "px-3 py-1 text-xs" : "";
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        aria-pressed={following}
        disabled={pending}
        title={following ? `Stop following ${creatorName}` : undefined}
        onClick={() => {
          follow.reset();
          unfollow.reset();
          (following ? unfollow : follow).mutate({ creatorId });
        }}
        className={buttonClass(following || secondary ? "secondary" : "primary", sizing)}
      >
        {following ? "Following" : "Follow"}
        <span className="sr-only"> {creatorName}</span>
      </button>
      {error && (
        <span role="alert" className="text-xs text-danger">
          {uiError(error).message}
        </span>
      )}
    </span>
  );
}
