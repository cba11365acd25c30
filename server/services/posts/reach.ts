// Who a post reaches if it goes out now: who can read it (its access, its tiers, how many members
// that is), what the others see, who is emailed, and whether publishing would be refused. The
// editor's publish step shows this before the creator decides; the numbers come from the same
// member list the emails are sent to and the same policy every reader goes through.
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { postTiers, tiers } from "@/db/schema";
import { hasPaywallBreak } from "@/lib/document/teaser";
import { postByIdInput } from "@/lib/schemas/post";
import type { z } from "zod";
import { decidePostVisibility, qualifiesForPost } from "../access/policy";
import type { ServiceContext } from "../context";
import { liveMembersOf } from "../memberships/audience";
import { postErrors } from "./errors";
import { draftText, ownPost, type PostRow } from "./store";

/** What readers without access get instead of the body. */
export type TeaserShown = "above_break" | "preview_text" | "title_only";

export type PostReach = {
  postId: string;
  access: PostRow["access"];
  /** The tiers that can read it: the chosen ones, or for "paid" every paid tier; empty for public and members. */
  tiers: { id: string; name: string }[];
  publicAt: Date | null;
  /** The text that would go live has a paywall break. */
  hasPaywallBreak: boolean;
  /** Why publishing now would be refused (the server's own words), or null. */
  blocked: string | null;
  /** What the others see; null for a public post. */
  teaser: TeaserShown | null;
  members: {
    /** Members whose membership grants access now. */
    total: number;
    /** Of them, those who can read the whole post. */
    canRead: number;
  };
  email: {
    /** Whether publishing now emails anyone: only a first publish, with emails on, and someone to send to. */
    sends: boolean;
    /** Why it does not, when it does not. */
    reason: "first_publish" | "already_published" | "turned_off";
    /** Members it would go to (those who did not turn this creator's emails off). */
    recipients: number;
    /** Of them, those whose email carries the whole post (the others get the teaser). */
    fullPost: number;
    /** Members who turned this creator's emails off. */
    optedOut: number;
  };
};

function teaserShown(post: PostRow, withBreak: boolean): TeaserShown | null {
  if (post.access === "public") return null;
  if (post.teaserMode === "none") return "title_only";
  if (post.teaserMode === "auto" && withBreak) return "above_break";
  return post.previewText.trim() ? "preview_text" : "title_only";
}

/** The tiers whose members read it in full, in the creator's order (the policy's own test). */
async function readingTiers(ctx: ServiceContext, post: PostRow, tierIds: string[]) {
  if (post.access === "public" || post.access === "members") return [];
  if (post.access !== "paid" && tierIds.length === 0) return [];
  const rows = await ctx.db
    .select({ id: tiers.id, name: tiers.name, monthlyPrice: tiers.monthlyPrice })
    .from(tiers)
    .where(
      // "Paid": the paid tiers fans can join; otherwise the chosen ones, whatever their state.
      post.access === "paid" ? and(eq(tiers.creatorId, post.creatorId), eq(tiers.status, "published")) : inArray(tiers.id, tierIds),
    )
    .orderBy(asc(tiers.position), asc(tiers.createdAt));
  return rows.filter((tier) => qualifiesForPost({ access: post.access, tierIds }, tier)).map(({ id, name }) => ({ id, name }));
}

export async function getPostReach(ctx: ServiceContext, input: z.input<typeof postByIdInput>): Promise<PostReach> {
  const { id } = postByIdInput.parse(input);
  const post = await ownPost(ctx, id);
  const selected = await ctx.db.select({ tierId: postTiers.tierId }).from(postTiers).where(eq(postTiers.postId, post.id));
  const tierIds = selected.map((row) => row.tierId);
  const withBreak = hasPaywallBreak(draftText(post).document);
  const members = await liveMembersOf(ctx.db, post.creatorId, ctx.now);

  // Each member as the policy would see them once the post is out.
  const facts = { creatorId: post.creatorId, status: "published" as const, access: post.access, publicAt: post.publicAt, tierIds };
  const reads = (member: (typeof members)[number]) =>
    decidePostVisibility(facts, { userId: member.userId, creatorId: null, entitlements: [member.entitlement] }, ctx.now) === "full";
  const recipients = members.filter((member) => !member.emailsOff);

  const firstPublish = post.publishedAt === null;
  const reason = !firstPublish ? "already_published" : post.notifyMembers ? "first_publish" : "turned_off";
  return {
    postId: post.id,
    access: post.access,
    tiers: await readingTiers(ctx, post, tierIds),
    publicAt: post.publicAt,
    hasPaywallBreak: withBreak,
    blocked: post.access === "public" && withBreak ? postErrors.publicWithBreak("publishing").message : null,
    teaser: teaserShown(post, withBreak),
    members: { total: members.length, canRead: members.filter(reads).length },
    email: {
      sends: reason === "first_publish" && recipients.length > 0,
      reason,
      recipients: recipients.length,
      fullPost: recipients.filter(reads).length,
      optedOut: members.length - recipients.length,
    },
  };
}
