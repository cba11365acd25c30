// How the creators on a page look to the viewer (following them or not, their own page, or signed
// out), read in one query for the whole page; none when signed out, as on every shared page.
import "server-only";
import { followerViews, type FollowerView } from "@/app/_components/follow-control";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";

export async function loadFollowerViews(creatorIds: readonly string[]): Promise<(creatorId: string) => FollowerView> {
  const viewer = await getViewer();
  if (!viewer) return followerViews(false, { following: [], ownCreatorId: null });
  const states = await caller.discovery.followStates({ creatorIds: [...new Set(creatorIds)] });
  return followerViews(true, states);
}
