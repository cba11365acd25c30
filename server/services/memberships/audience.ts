// The creator's members: who holds which tier, since when, and what they have paid in total; and
// who a post reaches (the members whose membership grants access now, for its emails and counts).
import "server-only";
import { and, desc, eq, exists, ilike, inArray, ne, or, sql, sum } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailOptOuts, memberships, payments, posts, tiers, users } from "@/db/schema";
import { csvLine } from "@/lib/csv";
import { membersListInput } from "@/lib/schemas/membership";
import type { z } from "zod";
import { isEntitlementLive, type Entitlement } from "../access/policy";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { exactTime } from "../keyset";

export type MemberRow = {
  membershipId: string;
  name: string | null;
  email: string;
  tierName: string;
  status: "active" | "cancelling" | "past_due" | "expired" | "lapsed";
  since: Date;
  /** When the current period ends (a cancelled membership's access ends then); null for free ones. */
  currentPeriodEnd: Date | null;
  lifetimePaid: number;
  currency: string;
  /** The post whose Join button the member came through, when there was one and it still exists. */
  joinedFrom: { postId: string; title: string } | null;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listMembers(ctx: ServiceContext, input: z.input<typeof membersListInput> = {}): Promise<MemberRow[]> {
  const { search, limit } = membersListInput.parse(input);
  const creator = await requireOwnCreator(ctx);
  return (await queryMembers(ctx, creator.id, { search, limit })).map(({ key: _key, ...row }) => row);
}

type MemberAfter = { key: string; membershipId: string };

/**
 * A page of the creator's members, newest first, after `after` if given, through the index on
 * (creator, started): a page costs the same at any depth and at any audience size.
 */
async function queryMembers(
  ctx: ServiceContext,
  creatorId: string,
  options: { search?: string; limit: number; after?: MemberAfter },
): Promise<(MemberRow & { key: string })[]> {
  const { search, limit, after } = options;
  const pattern = `%${escapeLike(search ?? "")}%`;
  const rows = await ctx.db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      tierName: tiers.name,
      status: memberships.status,
      currentPeriodEnd: memberships.currentPeriodEnd,
      since: memberships.startedAt,
      currency: memberships.currency,
      fromPostId: posts.id,
      fromPostTitle: posts.title,
      key: exactTime(memberships.startedAt),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tiers, eq(tiers.id, memberships.tierId))
    .leftJoin(posts, eq(posts.id, memberships.attributedPostId))
    .where(
      and(
        eq(memberships.creatorId, creatorId),
        search ? or(ilike(users.email, pattern), ilike(users.name, pattern), ilike(tiers.name, pattern)) : undefined,
        after ? sql`(${memberships.startedAt}, ${memberships.id}) < (${after.key}::timestamptz, ${after.membershipId})` : undefined,
      ),
    )
    .orderBy(desc(memberships.startedAt), desc(memberships.id))
    .limit(limit);
  const paid = await lifetimePaid(ctx.db, creatorId, rows.map((row) => row.userId));
  return rows.map(({ userId, currentPeriodEnd, status, fromPostId, fromPostTitle, ...row }) => ({
    ...row,
    joinedFrom: fromPostId ? { postId: fromPostId, title: fromPostTitle ?? "" } : null,
    currentPeriodEnd,
    lifetimePaid: paid.get(userId) ?? 0,
    // Past its period but not yet closed by the renewal job: say so rather than "active".
    status: status !== "expired" && !isEntitlementLive({ status, currentPeriodEnd }, ctx.now) ? "lapsed" : status,
  }));
}

/**
 * What each of `userIds` has paid this creator over every membership, summed for these members
 * only (the status a literal, so the partial index on succeeded payments serves it).
 */
async function lifetimePaid(db: Db, creatorId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: payments.userId, total: sum(payments.amount).mapWith(Number) })
    .from(payments)
    .where(and(eq(payments.creatorId, creatorId), inArray(payments.userId, [...new Set(userIds)]), sql`${payments.status} = 'succeeded'`))
    .groupBy(payments.userId);
  return new Map(rows.map((row) => [row.userId, row.total]));
}

const CSV_HEADER = ["name", "email", "tier", "status", "since", "joined_from_post", "lifetime_paid_minor", "currency"];

function memberLine(r: MemberRow): string {
  return csvLine([r.name ?? "", r.email, r.tierName, r.status, r.since.toISOString(), r.joinedFrom?.title ?? "", String(r.lifetimePaid), r.currency]);
}

/** Members read per step of the export: the server holds one step's rows, whatever the audience. */
const EXPORT_BATCH = 1_000;

/**
 * Every member, for a spreadsheet (the list on screen is capped, the export is not), as a stream:
 * the next batch is read when the download has taken the last one, so a slow download or a big
 * audience costs time, never memory. Authorization happens before the stream starts.
 */
export async function membersCsv(ctx: ServiceContext, options: { batchSize?: number } = {}): Promise<ReadableStream<Uint8Array>> {
  const creator = await requireOwnCreator(ctx);
  const batchSize = options.batchSize ?? EXPORT_BATCH;
  const encoder = new TextEncoder();
  let after: MemberAfter | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(CSV_HEADER)));
    },
    async pull(controller) {
      const rows = await queryMembers(ctx, creator.id, { limit: batchSize, after });
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(memberLine).join("")));
      const last = rows.at(-1);
      if (rows.length < batchSize || !last) controller.close();
      else after = { key: last.key, membershipId: last.membershipId };
    },
  });
}

/** A member whose membership grants access now, as the access policy sees them. */
export type LiveMember = {
  userId: string;
  email: string;
  entitlement: Entitlement;
  /** They turned this creator's new-post emails off. */
  emailsOff: boolean;
};

/**
 * The creator's members whose membership grants access at `now`: the people a new post's email
 * goes to (those with emails on) and whom the publish step counts, from this one list, so the
 * number the creator is shown is the number the job emails.
 */
export async function liveMembersOf(db: Db, creatorId: string, now: Date): Promise<LiveMember[]> {
  const rows = await db
    .select({
      userId: memberships.userId,
      email: users.email,
      tierId: memberships.tierId,
      tierPrice: tiers.monthlyPrice,
      status: memberships.status,
      currentPeriodEnd: memberships.currentPeriodEnd,
      emailsOff: exists(
        db
          .select({ userId: emailOptOuts.userId })
          .from(emailOptOuts)
          .where(and(eq(emailOptOuts.userId, memberships.userId), eq(emailOptOuts.creatorId, creatorId))),
      ).mapWith(Boolean),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tiers, eq(tiers.id, memberships.tierId))
    .where(and(eq(memberships.creatorId, creatorId), ne(memberships.status, "expired")));
  return rows
    .filter((row) => isEntitlementLive(row, now))
    .map(({ userId, email, tierId, tierPrice, status, currentPeriodEnd, emailsOff }) => ({
      userId,
      email,
      entitlement: { creatorId, tierId, paid: tierPrice > 0, status, currentPeriodEnd },
      emailsOff,
    }));
}
