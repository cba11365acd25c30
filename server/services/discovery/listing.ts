// Which creators' pages the platform puts in front of a viewer who did not ask for them by name:
// explore, search, the front page and the discovery shelf. A page marked for adults only is left
// out unless the viewer is signed in and asked to see such pages (Account → Settings). Reached by
// its address, a link or a recommendation, it is served like every other page.
import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { creators, posts, users } from "@/db/schema";
import { adultPagesInput } from "@/lib/schemas/discovery";
import { requireViewer, type ServiceContext } from "../context";

/** Whether pages for adults are listed for this viewer: signed in, and asked for them. */
export async function viewerSeesAdultPages(ctx: ServiceContext): Promise<boolean> {
  if (!ctx.viewer) return false;
  const [row] = await ctx.db.select({ show: users.showAdultPages }).from(users).where(eq(users.id, ctx.viewer.userId));
  return row?.show ?? false;
}

/** The condition on `creators` for a listing: every page, or those not for adults only. */
export function listedCreatorsWhere(seesAdultPages: boolean): SQL | undefined {
  return seesAdultPages ? undefined : sql`${creators.adultsOnly} = false`;
}

/**
 * The same condition on `posts`, without joining their creators: a post is listed unless its
 * creator's page is for adults only (few pages: found through their own small index).
 */
export function listedPostsWhere(seesAdultPages: boolean): SQL | undefined {
  return seesAdultPages
    ? undefined
    : sql`${posts.creatorId} not in (select ${creators.id} from ${creators} where ${creators.adultsOnly})`;
}

/** The fan's choice (Account → Settings): whether explore and search list pages for adults to them. */
export async function setShowAdultPages(ctx: ServiceContext, input: z.input<typeof adultPagesInput>): Promise<{ show: boolean }> {
  requireViewer(ctx);
  const { show } = adultPagesInput.parse(input);
  // Nothing cached to refresh: a signed-in viewer's pages are rendered for them on each request.
  await ctx.db.update(users).set({ showAdultPages: show }).where(eq(users.id, ctx.viewer.userId));
  return { show };
}

export type CreatorCard = {
  id: string;
  handle: string;
  displayName: string;
  tagline: string;
  avatarMediaId: string | null;
  category: string | null;
};

/** The columns of a creator's card in explore's lists. */
export const creatorCardColumns = {
  id: creators.id,
  handle: creators.handle,
  displayName: creators.displayName,
  tagline: creators.tagline,
  avatarMediaId: creators.avatarMediaId,
  category: creators.category,
} as const;

