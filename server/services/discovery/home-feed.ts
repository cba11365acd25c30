// A signed-in fan's home: the newest posts of the creators they follow or belong to, a page at a
// time, and a shelf of what else is new on Atelier from creators they do not follow yet (listed
// pages only: one for adults appears in the feed when the fan follows it, on the shelf when they asked).
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { follows, memberships } from "@/db/schema";
import { pageInput } from "@/lib/schemas/discovery";
import type { z } from "zod";
import { requireViewer, type ServiceContext } from "../context";
import { ownCreatorId } from "../creators";
import { viewerSeesAdultPages } from "./listing";
import { listPublishedAcross, type RecentPostCard, type RecentPostsPage } from "../posts/reads";

/** How many posts the discovery shelf shows. */
const SHELF_SIZE = 6;

export type HomeFeed = RecentPostsPage & {
  /** Whether the fan follows or belongs to anyone: an empty feed says how to start. */
  followsAnyone: boolean;
  /** Newer posts from creators the fan does not follow (the first page only). */
  discover: RecentPostCard[];
};

/** The creators whose posts fill a fan's feed: those they follow, and those they are members of. */
async function feedCreatorIds(ctx: ServiceContext & { viewer: { userId: string } }): Promise<string[]> {
  const [followed, memberOf] = await Promise.all([
    ctx.db.select({ creatorId: follows.creatorId }).from(follows).where(eq(follows.userId, ctx.viewer.userId)),
    ctx.db
      .select({ creatorId: memberships.creatorId })
      .from(memberships)
      .where(and(eq(memberships.userId, ctx.viewer.userId), ne(memberships.status, "expired"))),
  ]);
  return [...new Set([...followed, ...memberOf].map((row) => row.creatorId))];
}

export async function readHomeFeed(ctx: ServiceContext, input: z.input<typeof pageInput> = {}): Promise<HomeFeed> {
  requireViewer(ctx);
  const { cursor, limit } = pageInput.parse(input);
  const [creatorIds, own, seesAdultPages] = await Promise.all([feedCreatorIds(ctx), ownCreatorId(ctx), viewerSeesAdultPages(ctx)]);
  const [page, shelf] = await Promise.all([
    listPublishedAcross(ctx, { creatorIds, cursor: cursor ?? undefined, limit }),
    cursor
      ? null
      : listPublishedAcross(ctx, { exceptCreatorIds: own ? [...creatorIds, own] : creatorIds, seesAdultPages, limit: SHELF_SIZE }),
  ]);
  return { ...page, followsAnyone: creatorIds.length > 0, discover: shelf?.posts ?? [] };
}
