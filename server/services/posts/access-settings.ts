// A post's access settings as the creator chooses them in the editor: the level, the selected
// tiers, when early access opens, and what viewers without access see; plus the creator's default.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { creators, posts, postTiers, tiers } from "@/db/schema";
import { hasPaywallBreak } from "@/lib/document/teaser";
import { AppError, AppErrorCode } from "@/lib/errors";
import { postAccessByIdInput, setDefaultAccessInput, setPostAccessInput } from "@/lib/schemas/post-access";
import { setDefaultCommentAccessInput } from "@/lib/schemas/community";
import type { z } from "zod";
import { previewViewer } from "../access/policy";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { teaserColumns } from "./derived";
import { postErrors } from "./errors";
import { getReadablePostById } from "./reads";
import { draftText, ownPost, type PostRow } from "./store";
import { postPagesChanged } from "./public-pages";

export type PostAccessSettings = {
  postId: string;
  access: PostRow["access"];
  tierIds: string[];
  publicAt: Date | null;
  teaserMode: PostRow["teaserMode"];
  previewText: string;
};

export async function getPostAccess(ctx: ServiceContext, input: z.input<typeof postAccessByIdInput>): Promise<PostAccessSettings> {
  const { postId } = postAccessByIdInput.parse(input);
  const post = await ownPost(ctx, postId);
  const selected = await ctx.db.select({ tierId: postTiers.tierId }).from(postTiers).where(eq(postTiers.postId, post.id));
  return {
    postId: post.id,
    access: post.access,
    tierIds: selected.map((s) => s.tierId),
    publicAt: post.publicAt,
    teaserMode: post.teaserMode,
    previewText: post.previewText,
  };
}

/**
 * Saves who may read a post. Selected tiers must be the creator's own; they are kept only for the
 * levels that use them, so switching to "paid" cannot leave a stale tier list behind. The stored
 * teaser is derived again from the live text with the new mode and preview text. A post that is
 * out (or about to go out, scheduled) with a paywall break cannot be made public: that would hand
 * everyone what is below the break. A draft can, and its editor warns; publishing it is refused.
 */
export async function setPostAccess(ctx: ServiceContext, input: z.input<typeof setPostAccessInput>): Promise<PostAccessSettings> {
  const data = setPostAccessInput.parse(input);
  const usesTiers = data.access === "tiers" || data.access === "early_access";
  const tierIds = usesTiers ? [...new Set(data.tierIds)] : [];
  // The post stays locked from the check to the write, so a publish cannot slip in between.
  const changed = await ctx.db.transaction(async (tx) => {
    const post = await ownPost(ctx, data.postId, { lockIn: tx });
    const outOrDue = post.status === "published" || post.status === "scheduled";
    // The live text, and the text still to go out (a scheduled post's draft, an Update not yet made).
    const goesOut = [post.document, draftText(post).document];
    if (data.access === "public" && outOrDue && goesOut.some(hasPaywallBreak)) throw postErrors.publicWithBreak("making it public");
    if (tierIds.length) {
      const own = await tx
        .select({ id: tiers.id })
        .from(tiers)
        .where(and(eq(tiers.creatorId, post.creatorId), inArray(tiers.id, tierIds)));
      if (own.length !== tierIds.length) {
        throw new AppError(AppErrorCode.INVALID_INPUT, "Choose among your own tiers.", { field: "tierIds" });
      }
    }
    await tx
      .update(posts)
      .set({
        access: data.access,
        publicAt: data.access === "early_access" ? data.publicAt : null,
        teaserMode: data.teaserMode,
        previewText: data.previewText,
        // The stored teaser follows the settings at once, computed the way every save computes it.
        ...teaserColumns(post.document, data),
        updatedAt: ctx.now,
      })
      .where(eq(posts.id, post.id));
    await tx.delete(postTiers).where(eq(postTiers.postId, post.id));
    if (tierIds.length) await tx.insert(postTiers).values(tierIds.map((tierId) => ({ postId: post.id, tierId })));
    return { creatorId: post.creatorId, access: data.access, publicAt: data.access === "early_access" ? data.publicAt : null };
  });
  await postPagesChanged(ctx.db, changed);
  return getPostAccess(ctx, { postId: data.postId });
}

/** The level new posts start with. */
export async function setDefaultAccess(ctx: ServiceContext, input: z.input<typeof setDefaultAccessInput>) {
  const creator = await requireOwnCreator(ctx);
  const { access } = setDefaultAccessInput.parse(input);
  const [updated] = await ctx.db
    .update(creators)
    .set({ defaultAccess: access, updatedAt: ctx.now })
    .where(eq(creators.id, creator.id))
    .returning({ defaultAccess: creators.defaultAccess, defaultCommentAccess: creators.defaultCommentAccess });
  return updated!;
}

/** Who may comment on new posts, to start with. */
export async function setDefaultCommentAccess(ctx: ServiceContext, input: z.input<typeof setDefaultCommentAccessInput>) {
  const creator = await requireOwnCreator(ctx);
  const { commentAccess } = setDefaultCommentAccessInput.parse(input);
  const [updated] = await ctx.db
    .update(creators)
    .set({ defaultCommentAccess: commentAccess, updatedAt: ctx.now })
    .where(eq(creators.id, creator.id))
    .returning({ defaultAccess: creators.defaultAccess, defaultCommentAccess: creators.defaultCommentAccess });
  return updated!;
}

export async function getDefaultAccess(ctx: ServiceContext) {
  const creator = await requireOwnCreator(ctx);
  return { defaultAccess: creator.defaultAccess, defaultCommentAccess: creator.defaultCommentAccess };
}

export type PreviewAs = { kind: "anonymous" } | { kind: "free" } | { kind: "tier"; tierId: string };

/**
 * The creator's own post as another viewer would get it, drafts included (shown as if published),
 * through the same policy and presenter as the public page.
 */
export async function previewPostAs(ctx: ServiceContext, postId: string, as: PreviewAs) {
  const post = await ownPost(ctx, postId);
  let tier: { id: string; monthlyPrice: number } | null = null;
  if (as.kind === "tier") {
    tier = (await ctx.db.query.tiers.findFirst({ where: and(eq(tiers.id, as.tierId), eq(tiers.creatorId, post.creatorId)) })) ?? null;
    if (!tier) throw new AppError(AppErrorCode.NOT_FOUND, "This tier does not exist.", { field: "tierId" });
  } else if (as.kind === "free") {
    // A free member, whether or not a free tier exists yet.
    tier = { id: "preview-free", monthlyPrice: 0 };
  }
  const row = await getReadablePostById({ ...ctx, viewer: null, creator: null }, post.id, previewViewer(post.creatorId, tier), {
    asPublished: true,
  });
  if (!row) throw postErrors.notFound();
  return row;
}
