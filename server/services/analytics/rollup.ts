// The rollup: every few minutes, each creator's hours and days that received events since the last
// run are counted again from the raw events, whole, and their rows replaced. Counting a period
// again gives the same rows, so a run repeated, overlapping or killed midway (its transaction rolls
// back) never counts an event twice. Raw events are then kept ANALYTICS_RAW_DAYS days.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  analyticsDaily,
  analyticsDailyPosts,
  analyticsDailySources,
  analyticsDailyTotals,
  analyticsDailyVisitors,
  analyticsEvents,
  analyticsHourly,
  analyticsRollupState,
  creators,
} from "@/db/schema";

/**
 * Events are stamped when their transaction wrote them and are visible only once it commits, so
 * one stamped a moment before the last run may have been invisible to it: every run looks back
 * this far past its predecessor. Longer than any batch write takes.
 */
const LOOK_BACK = "5 minutes";

export type RollupResult = { hours: number; days: number };

export async function rollUpAnalytics(db: Db): Promise<RollupResult> {
  return db.transaction(async (tx) => {
    // One run at a time across processes; a second waits, then recounts what is left.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('atelier:analytics-rollup'))`);
    const [state] = await tx.select().from(analyticsRollupState);
    const since = state ? sql`${state.rolledThrough.toISOString()}::timestamptz - ${LOOK_BACK}::interval` : sql`'-infinity'::timestamptz`;
    // What arrived since, frozen for this run: each creator's UTC hours, and days in the creator's
    // time zone. The rows of exactly these periods are deleted and counted again, so an event
    // that commits meanwhile is either in a period counted now (and again next run, to the same
    // result) or in one the next run counts.
    await tx.execute(sql`
      create temporary table rollup_hours on commit drop as
      select distinct creator_id, date_trunc('hour', occurred_at, 'UTC') as hour from ${analyticsEvents} where received_at > ${since}`);
    await tx.execute(sql`
      create temporary table rollup_days on commit drop as
      select distinct e.creator_id, (e.occurred_at at time zone k.time_zone)::date as day, k.time_zone
      from ${analyticsEvents} e join ${creators} k on k.id = e.creator_id where e.received_at > ${since}`);
    const hours = sql`rollup_hours`;
    const days = sql`rollup_days`;

    await tx.execute(sql`delete from ${analyticsHourly} r using ${hours} a where r.creator_id = a.creator_id and r.hour = a.hour`);
    const hourRows = await tx.execute(sql`
      insert into ${analyticsHourly} (hour, creator_id, kind, post_id, source, referrer, campaign, tier_id, events, mrr_delta)
      select a.hour, e.creator_id, e.kind, e.post_id, e.source, e.referrer, e.campaign, e.tier_id, count(*), sum(e.mrr_delta)
      from ${hours} a join ${analyticsEvents} e
        on e.creator_id = a.creator_id and e.occurred_at >= a.hour and e.occurred_at < a.hour + interval '1 hour'
      group by 1, 2, 3, 4, 5, 6, 7, 8
      returning 1`);

    // A local day's bounds as instants: 23 or 25 hours long on the days clocks change.
    const inDay = sql`e.creator_id = a.creator_id
      and e.occurred_at >= (a.day::timestamp at time zone a.time_zone)
      and e.occurred_at < ((a.day + 1)::timestamp at time zone a.time_zone)`;
    await tx.execute(sql`delete from ${analyticsDaily} r using ${days} a where r.creator_id = a.creator_id and r.day = a.day`);
    await tx.execute(sql`delete from ${analyticsDailyVisitors} r using ${days} a where r.creator_id = a.creator_id and r.day = a.day`);
    const dayRows = await tx.execute(sql`
      insert into ${analyticsDaily} (day, creator_id, kind, post_id, source, referrer, campaign, tier_id, events, mrr_delta)
      select a.day, e.creator_id, e.kind, e.post_id, e.source, e.referrer, e.campaign, e.tier_id, count(*), sum(e.mrr_delta)
      from ${days} a join ${analyticsEvents} e on ${inDay}
      group by 1, 2, 3, 4, 5, 6, 7, 8
      returning 1`);
    // The page's visitors (post_id '') and each post's, from the same scan.
    await tx.execute(sql`
      insert into ${analyticsDailyVisitors} (creator_id, day, post_id, visitors)
      select e.creator_id, a.day, coalesce(e.post_id, ''), count(distinct e.visitor)
      from ${days} a join ${analyticsEvents} e on ${inDay} and e.kind = 'view' and e.visitor <> ''
      group by grouping sets ((e.creator_id, a.day), (e.creator_id, a.day, e.post_id))
      having grouping(e.post_id) = 1 or e.post_id <> ''`);
    await summariseDays(tx, days);

    await tx.execute(sql`
      insert into ${analyticsRollupState} (id, rolled_through) values (1, transaction_timestamp())
      on conflict (id) do update set rolled_through = excluded.rolled_through`);
    return { hours: rowCount(hourRows), days: rowCount(dayRows) };
  });
}

type Executor = Pick<Db, "execute">;

/**
 * The dashboards' daily summaries of `days` (a relation of creator_id and day), summed again from
 * analytics_daily: replaced whole, like every rollup row.
 */
async function summariseDays(tx: Executor, days: SQL): Promise<void> {
  const of = (table: SQL) => sql`delete from ${table} r using ${days} a where r.creator_id = a.creator_id and r.day = a.day`;
  const from = sql`from ${analyticsDaily} d join ${days} a on d.creator_id = a.creator_id and d.day = a.day`;
  await tx.execute(of(sql`${analyticsDailyTotals}`));
  await tx.execute(sql`
    insert into ${analyticsDailyTotals} (creator_id, day, kind, tier_id, events, mrr_delta)
    select d.creator_id, d.day, d.kind, d.tier_id, sum(d.events), sum(d.mrr_delta) ${from} group by 1, 2, 3, 4`);
  await tx.execute(of(sql`${analyticsDailyPosts}`));
  await tx.execute(sql`
    insert into ${analyticsDailyPosts} (creator_id, day, post_id, kind, events)
    select d.creator_id, d.day, d.post_id, d.kind, sum(d.events) ${from} where d.post_id <> '' group by 1, 2, 3, 4`);
  await tx.execute(of(sql`${analyticsDailySources}`));
  await tx.execute(sql`
    insert into ${analyticsDailySources} (creator_id, day, source, referrer, campaign, views)
    select d.creator_id, d.day, d.source, d.referrer, d.campaign, sum(d.events) ${from} where d.kind = 'view' group by 1, 2, 3, 4, 5`);
}

/** Every day of one creator's summaries, summed again from analytics_daily (for loaded history). */
export async function resummarise(db: Db, creatorId: string): Promise<void> {
  await db.transaction((tx) => summariseDays(tx, sql`(select distinct creator_id, day from ${analyticsDaily} where creator_id = ${creatorId})`));
}

function rowCount(result: unknown): number {
  const rows = (result as { rows?: unknown[] }).rows ?? (result as unknown[]);
  return Array.isArray(rows) ? rows.length : 0;
}

/** Deletes raw events older than `keepDays` days that a rollup has already counted. */
export async function purgeRawEvents(db: Db, now: Date, keepDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000);
  const gone = await db.execute(sql`
    delete from ${analyticsEvents}
    where occurred_at < ${cutoff.toISOString()}::timestamptz
      and received_at < (select rolled_through - ${LOOK_BACK}::interval from ${analyticsRollupState} where id = 1)
    returning 1`);
  return rowCount(gone);
}
