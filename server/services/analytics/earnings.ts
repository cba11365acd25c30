// Members and money for the dashboards: recurring revenue now and how it moved, what each tier
// brought in, failed payments, joins and departures by tier, the way from visitor to paid member,
// and how long members stay (by the month they joined). Revenue and members now are read from the
// memberships and the payment ledger themselves; movements over time from the rollups.
import "server-only";
import { and, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { analyticsDailyTotals, analyticsDailyVisitors, memberships, payments, tiers } from "@/db/schema";
import { analyticsRangeInput } from "@/lib/schemas/analytics";
import { PAST_DUE_GRACE_MS } from "../access/policy";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { dayIn, resolveRange, type ResolvedRange } from "./dashboard";

/** Retention is shown for this many months after the month a member joined. */
const RETENTION_MONTHS = 12;

export type TierFigures = {
  tierId: string;
  name: string;
  monthlyPrice: number;
  /** Members whose membership grants access now. */
  members: number;
  joined: number;
  left: number;
  /** Money the ledger took for this tier in the period, minor units. */
  revenue: number;
};

export type Earnings = {
  currency: string;
  range: ResolvedRange;
  /** Monthly recurring revenue now: live paid memberships, a yearly price counted as a twelfth. */
  mrr: number;
  /** Of it, memberships cancelled that end at their period's end. */
  mrrEnding: number;
  paidMembers: number;
  /** Changes in MRR over the period, by cause, minor units (churn and downgrades negative). */
  movements: { new: number; upgrades: number; downgrades: number; churn: number };
  revenue: number;
  paymentFailures: number;
  funnel: { visitors: number; freeMembers: number; paidMembers: number };
  tiers: TierFigures[];
  /** Per month members joined in (oldest first): how many, and the share still members after each month. */
  retention: { cohort: string; joined: number; retained: (number | null)[] }[];
};

export async function analyticsEarnings(ctx: ServiceContext, input: z.input<typeof analyticsRangeInput>): Promise<Earnings> {
  const creator = await requireOwnCreator(ctx);
  const range = resolveRange(analyticsRangeInput.parse(input), creator.timeZone, ctx.now, dayIn(creator.createdAt, creator.timeZone));
  const { from, to } = range.current;
  // The period's bounds as instants, in the creator's zone.
  const start = sql`(${from}::date::timestamp at time zone ${creator.timeZone})`;
  const end = sql`((${to}::date + 1)::timestamp at time zone ${creator.timeZone})`;
  const graceStart = new Date(ctx.now.getTime() - PAST_DUE_GRACE_MS);
  const live = and(
    eq(memberships.creatorId, creator.id),
    sql`${memberships.status} <> 'expired'`,
    sql`(${memberships.currentPeriodEnd} is null or ${memberships.currentPeriodEnd} > ${ctx.now.toISOString()}::timestamptz
      or (${memberships.status} = 'past_due' and ${memberships.currentPeriodEnd} > ${graceStart.toISOString()}::timestamptz))`,
  );
  const monthly = sql<number>`case when ${memberships.interval} = 'year' then round(${memberships.price} / 12.0) else ${memberships.price} end`;
  const sumOf = (kind: string, column: "events" | "mrr") =>
    sql<number>`coalesce(sum(${column === "events" ? analyticsDailyTotals.events : analyticsDailyTotals.mrrDelta}) filter (where ${analyticsDailyTotals.kind} = ${kind}), 0)::float8`;
  const inPeriod = and(eq(analyticsDailyTotals.creatorId, creator.id), gte(analyticsDailyTotals.day, from), lte(analyticsDailyTotals.day, to));

  const [[now], [moved], byTierEvents, tierRows, liveByTier, revenueByTier, [visitors], retention] = await Promise.all([
    ctx.db
      .select({
        mrr: sql<number>`coalesce(sum(${monthly}) filter (where ${memberships.price} > 0), 0)::float8`,
        ending: sql<number>`coalesce(sum(${monthly}) filter (where ${memberships.price} > 0 and ${memberships.status} = 'cancelling'), 0)::float8`,
        paid: sql<number>`count(*) filter (where ${memberships.price} > 0)::int`,
      })
      .from(memberships)
      .where(live),
    ctx.db
      .select({
        new: sumOf("joined_paid", "mrr"),
        upgrades: sumOf("upgraded", "mrr"),
        downgrades: sumOf("downgraded", "mrr"),
        churn: sumOf("expired", "mrr"),
        failures: sumOf("payment_failed", "events"),
        free: sumOf("joined_free", "events"),
        paid: sumOf("joined_paid", "events"),
      })
      .from(analyticsDailyTotals)
      .where(inPeriod),
    ctx.db
      .select({
        tierId: analyticsDailyTotals.tierId,
        joined: sql<number>`coalesce(sum(${analyticsDailyTotals.events}) filter (where ${analyticsDailyTotals.kind} in ('joined_free', 'joined_paid')), 0)::float8`,
        left: sql<number>`coalesce(sum(${analyticsDailyTotals.events}) filter (where ${analyticsDailyTotals.kind} = 'expired'), 0)::float8`,
      })
      .from(analyticsDailyTotals)
      .where(and(inPeriod, inArray(analyticsDailyTotals.kind, ["joined_free", "joined_paid", "expired"])))
      .groupBy(analyticsDailyTotals.tierId),
    ctx.db
      .select({ id: tiers.id, name: tiers.name, monthlyPrice: tiers.monthlyPrice, status: tiers.status, position: tiers.position })
      .from(tiers)
      .where(eq(tiers.creatorId, creator.id))
      .orderBy(tiers.position, tiers.createdAt),
    ctx.db.select({ tierId: memberships.tierId, n: sql<number>`count(*)::int` }).from(memberships).where(live).groupBy(memberships.tierId),
    ctx.db
      .select({ tierId: payments.tierId, amount: sql<number>`coalesce(sum(${payments.amount}), 0)::float8` })
      .from(payments)
      .where(and(eq(payments.creatorId, creator.id), eq(payments.status, "succeeded"), sql`${payments.createdAt} >= ${start}`, lt(payments.createdAt, sql`${end}`)))
      .groupBy(payments.tierId),
    ctx.db
      .select({ n: sql<number>`coalesce(sum(${analyticsDailyVisitors.visitors}), 0)::float8` })
      .from(analyticsDailyVisitors)
      .where(
        and(
          eq(analyticsDailyVisitors.creatorId, creator.id),
          eq(analyticsDailyVisitors.postId, ""),
          gte(analyticsDailyVisitors.day, from),
          lte(analyticsDailyVisitors.day, to),
        ),
      ),
    retentionOf(ctx, creator.id, creator.timeZone),
  ]);

  const eventsByTier = new Map(byTierEvents.map((row) => [row.tierId, row]));
  const liveCount = new Map(liveByTier.map((row) => [row.tierId, row.n]));
  const revenue = new Map(revenueByTier.map((row) => [row.tierId ?? "", Number(row.amount)]));
  const tierFigures = tierRows
    .map((tier) => ({
      tierId: tier.id,
      name: tier.name,
      monthlyPrice: tier.monthlyPrice,
      members: liveCount.get(tier.id) ?? 0,
      joined: Number(eventsByTier.get(tier.id)?.joined ?? 0),
      left: Number(eventsByTier.get(tier.id)?.left ?? 0),
      revenue: revenue.get(tier.id) ?? 0,
      archived: tier.status === "archived",
    }))
    // An archived tier with nobody in it and nothing in the period says nothing.
    .filter((tier) => !tier.archived || tier.members > 0 || tier.joined > 0 || tier.left > 0 || tier.revenue > 0)
    .map(({ archived: _archived, ...tier }) => tier);

  return {
    currency: creator.currency,
    range,
    mrr: Number(now?.mrr ?? 0),
    mrrEnding: Number(now?.ending ?? 0),
    paidMembers: now?.paid ?? 0,
    movements: {
      new: Number(moved?.new ?? 0),
      upgrades: Number(moved?.upgrades ?? 0),
      downgrades: Number(moved?.downgrades ?? 0),
      churn: Number(moved?.churn ?? 0),
    },
    revenue: [...revenue.values()].reduce((sum, amount) => sum + amount, 0),
    paymentFailures: Number(moved?.failures ?? 0),
    funnel: { visitors: Number(visitors?.n ?? 0), freeMembers: Number(moved?.free ?? 0), paidMembers: Number(moved?.paid ?? 0) },
    tiers: tierFigures,
    retention,
  };
}

/**
 * Members by the month they first joined (in the creator's zone), over the last twelve months:
 * how many, and for each month since, the share still a member at its end (or now, for the month
 * running). A fan who moved tiers, or left and came back, is one member from their first join to
 * their last day.
 */
async function retentionOf(ctx: ServiceContext, creatorId: string, zone: string): Promise<Earnings["retention"]> {
  const rows = await ctx.db.execute(sql`
    with people as (
      select min(started_at) as started,
        case when bool_or(status <> 'expired') then null else max(coalesce(ended_at, started_at)) end as ended
      from ${memberships} where creator_id = ${creatorId} group by user_id
    ),
    cohorts as (
      select date_trunc('month', started at time zone ${zone}) as cohort, ended from people
      where started >= (date_trunc('month', ${ctx.now.toISOString()}::timestamptz at time zone ${zone}) - interval '${sql.raw(String(RETENTION_MONTHS - 1))} months') at time zone ${zone}
    )
    select to_char(c.cohort, 'YYYY-MM') as cohort, k.month as month, count(*)::int as joined,
      count(*) filter (where c.ended is null
        or c.ended >= least(((c.cohort + (k.month + 1) * interval '1 month') at time zone ${zone}), ${ctx.now.toISOString()}::timestamptz))::int as retained
    from cohorts c cross join generate_series(0, ${RETENTION_MONTHS - 1}) as k(month)
    where (c.cohort + k.month * interval '1 month') at time zone ${zone} <= ${ctx.now.toISOString()}::timestamptz
    group by 1, 2
    order by 1, 2`);
  const list = ((rows as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[])) as { cohort: string; month: number; joined: number; retained: number }[];
  const byCohort = new Map<string, { cohort: string; joined: number; retained: (number | null)[] }>();
  for (const row of list) {
    let cohort = byCohort.get(row.cohort);
    if (!cohort) byCohort.set(row.cohort, (cohort = { cohort: row.cohort, joined: row.joined, retained: Array<number | null>(RETENTION_MONTHS).fill(null) }));
    cohort.retained[row.month] = row.joined > 0 ? row.retained / row.joined : null;
  }
  return [...byCohort.values()];
}
