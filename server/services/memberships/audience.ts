// The creator's members: who holds which tier, since when, and what they have paid in total; and
// who a post reaches (the members whose membership grants access now, for its emails and counts).
import "server-only";
import { and, desc, eq, exists, ilike, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailOptOuts, memberships, payments, tiers, users } from "@/db/schema";
import { membersListInput } from "@/lib/schemas/membership";
import type { z } from "zod";
import { isEntitlementLive, type Entitlement } from "../access/policy";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";

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
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listMembers(ctx: ServiceContext, input: z.input<typeof membersListInput> = {}): Promise<MemberRow[]> {
  const { search, limit } = membersListInput.parse(input);
  return queryMembers(ctx, search, limit);
}

async function queryMembers(ctx: ServiceContext, search: string, limit: number | null): Promise<MemberRow[]> {
  const creator = await requireOwnCreator(ctx);
  const pattern = `%${escapeLike(search)}%`;
  const paid = sql<number>`coalesce((
    select sum(${payments.amount}) from ${payments}
    where ${payments.userId} = ${memberships.userId} and ${payments.creatorId} = ${memberships.creatorId}
      and ${payments.status} = 'succeeded'
  ), 0)`.mapWith(Number);
  const rows = await ctx.db
    .select({
      membershipId: memberships.id,
      name: users.name,
      email: users.email,
      tierName: tiers.name,
      status: memberships.status,
      currentPeriodEnd: memberships.currentPeriodEnd,
      since: memberships.startedAt,
      currency: memberships.currency,
      lifetimePaid: paid,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tiers, eq(tiers.id, memberships.tierId))
    .where(
      and(
        eq(memberships.creatorId, creator.id),
        search ? or(ilike(users.email, pattern), ilike(users.name, pattern), ilike(tiers.name, pattern)) : undefined,
      ),
    )
    .orderBy(desc(memberships.startedAt))
    .limit(limit ?? Number.MAX_SAFE_INTEGER);
  return rows.map(({ currentPeriodEnd, status, ...row }) => ({
    ...row,
    currentPeriodEnd,
    // Past its period but not yet closed by the renewal job: say so rather than "active".
    status: status !== "expired" && !isEntitlementLive({ status, currentPeriodEnd }, ctx.now) ? "lapsed" : status,
  }));
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would run as a formula in spreadsheet apps.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Every member, for a spreadsheet; the list on screen is capped, the export is not. */
export async function membersCsv(ctx: ServiceContext): Promise<string> {
  const rows = await queryMembers(ctx, "", null);
  const header = ["name", "email", "tier", "status", "since", "lifetime_paid_minor", "currency"];
  const lines = rows.map((r) =>
    [r.name ?? "", r.email, r.tierName, r.status, r.since.toISOString(), String(r.lifetimePaid), r.currency].map(csvCell).join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
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
