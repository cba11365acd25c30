// What a creator's dashboards show, read from the rollups (and, for readers right now, from the raw
// events of the last five minutes). Every query is the viewer's own creator page's: no input names
// a creator, so nobody can ask for another's numbers.
import "server-only";
import { and, eq, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  analyticsDaily,
  analyticsDailyPosts,
  analyticsDailySources,
  analyticsDailyTotals,
  analyticsDailyVisitors,
  analyticsEvents,
  creators,
  posts,
} from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { analyticsRangeInput, analyticsTimeZoneInput, postAnalyticsInput, type AnalyticsRange } from "@/lib/schemas/analytics";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";

const READERS_NOW_MINUTES = 5;
/** Beyond this many days a chart shows months. */
const LONGEST_DAILY_CHART = 92;

// ---------------------------------------------------------------------------------------------
// The creator's days

/** `at`'s date in `zone`, as YYYY-MM-DD. */
export function dayIn(at: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export type Period = { from: string; to: string };
export type ResolvedRange = { range: AnalyticsRange; current: Period; previous: Period | null; bucket: "day" | "month"; today: string };

const RANGE_DAYS: Partial<Record<AnalyticsRange, number>> = { "7d": 7, "30d": 30, "90d": 90, "12m": 365 };

/** The days a range covers in the creator's zone, ending today, and the same length just before. */
export function resolveRange(input: z.output<typeof analyticsRangeInput>, zone: string, now: Date, firstDay: string): ResolvedRange {
  const today = dayIn(now, zone);
  let current: Period;
  if (input.range === "custom") current = { from: input.from!, to: input.to! };
  else if (input.range === "all") current = { from: firstDay < today ? firstDay : today, to: today };
  else current = { from: addDays(today, 1 - RANGE_DAYS[input.range]!), to: today };
  const length = daysFrom(current.from, current.to);
  const previous = input.range === "all" ? null : { from: addDays(current.from, -length), to: addDays(current.from, -1) };
  return { range: input.range, current, previous, bucket: length > LONGEST_DAILY_CHART ? "month" : "day", today };
}

// ---------------------------------------------------------------------------------------------
// Figures

export type Figures = {
  visitors: number;
  views: number;
  engaged: number;
  freeMembers: number;
  paidMembers: number;
  cancellations: number;
  /** Net change in monthly recurring revenue, minor units. */
  mrrChange: number;
  emailsSent: number;
  emailClicks: number;
  feedFetches: number;
};

const NO_FIGURES: Figures = {
  visitors: 0,
  views: 0,
  engaged: 0,
  freeMembers: 0,
  paidMembers: 0,
  cancellations: 0,
  mrrChange: 0,
  emailsSent: 0,
  emailClicks: 0,
  feedFetches: 0,
};

const FIGURE_OF_KIND: Partial<Record<string, keyof Figures>> = {
  view: "views",
  engaged: "engaged",
  joined_free: "freeMembers",
  joined_paid: "paidMembers",
  cancelled: "cancellations",
  email_sent: "emailsSent",
  email_click: "emailClicks",
  feed_fetch: "feedFetches",
};

function add(into: Figures, kind: string, events: number, mrr: number): void {
  const figure = FIGURE_OF_KIND[kind];
  if (figure) into[figure] += events;
  into.mrrChange += mrr;
}

export type SourceRow = { source: string; referrer: string; campaign: string; views: number };
export type Overview = {
  timeZone: string;
  currency: string;
  range: ResolvedRange;
  current: Figures;
  previous: Figures | null;
  series: (Figures & { bucket: string })[];
  sources: SourceRow[];
  /** Posts that led readers to join, most first. */
  joinsByPost: { postId: string; title: string; free: number; paid: number }[];
  readersNow: number;
};

/** Sums of the rollups per day between two days, the page's (or a post's) visitors with them. */
async function figuresByDay(ctx: ServiceContext, creatorId: string, period: Period, postId?: string): Promise<Map<string, Figures>> {
  // The creator's summary by day and kind, or the post's.
  const events =
    postId === undefined
      ? ctx.db
          .select({
            day: analyticsDailyTotals.day,
            kind: analyticsDailyTotals.kind,
            events: sql<number>`sum(${analyticsDailyTotals.events})::float8`,
            mrr: sql<number>`sum(${analyticsDailyTotals.mrrDelta})::float8`,
          })
          .from(analyticsDailyTotals)
          .where(and(eq(analyticsDailyTotals.creatorId, creatorId), gte(analyticsDailyTotals.day, period.from), lte(analyticsDailyTotals.day, period.to)))
          .groupBy(analyticsDailyTotals.day, analyticsDailyTotals.kind)
      : ctx.db
          .select({ day: analyticsDailyPosts.day, kind: analyticsDailyPosts.kind, events: analyticsDailyPosts.events, mrr: sql<number>`0` })
          .from(analyticsDailyPosts)
          .where(
            and(
              eq(analyticsDailyPosts.creatorId, creatorId),
              gte(analyticsDailyPosts.day, period.from),
              lte(analyticsDailyPosts.day, period.to),
              eq(analyticsDailyPosts.postId, postId),
            ),
          );
  const [eventRows, visitors] = await Promise.all([
    events,
    ctx.db
      .select({ day: analyticsDailyVisitors.day, visitors: analyticsDailyVisitors.visitors })
      .from(analyticsDailyVisitors)
      .where(
        and(
          eq(analyticsDailyVisitors.creatorId, creatorId),
          eq(analyticsDailyVisitors.postId, postId ?? ""),
          gte(analyticsDailyVisitors.day, period.from),
          lte(analyticsDailyVisitors.day, period.to),
        ),
      ),
  ]);
  const byDay = new Map<string, Figures>();
  const at = (day: string) => {
    let figures = byDay.get(day);
    if (!figures) byDay.set(day, (figures = { ...NO_FIGURES }));
    return figures;
  };
  for (const row of eventRows) add(at(row.day), row.kind, Number(row.events), Number(row.mrr));
  for (const row of visitors) at(row.day).visitors += row.visitors;
  return byDay;
}

const FIGURE_KEYS = Object.keys(NO_FIGURES) as (keyof Figures)[];

/** Adds `figures` into `into` (which may carry more than figures: a chart point's name). */
function plus(into: Figures, figures: Figures): void {
  for (const key of FIGURE_KEYS) into[key] += figures[key];
}

function total(byDay: Map<string, Figures>, period: Period): Figures {
  const sum = { ...NO_FIGURES };
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const figures = byDay.get(day);
    if (figures) plus(sum, figures);
  }
  return sum;
}

/** The chart's points: every day of the period, or every month (a month's visitors are its days'). */
function series(byDay: Map<string, Figures>, period: Period, bucket: "day" | "month"): (Figures & { bucket: string })[] {
  const points: (Figures & { bucket: string })[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const name = bucket === "day" ? day : day.slice(0, 7);
    if (points.at(-1)?.bucket !== name) points.push({ bucket: name, ...NO_FIGURES });
    const figures = byDay.get(day);
    if (figures) plus(points.at(-1)!, figures);
  }
  return points;
}

async function sourcesOf(ctx: ServiceContext, creatorId: string, period: Period, postId?: string): Promise<SourceRow[]> {
  if (postId === undefined) {
    const views = sql<number>`sum(${analyticsDailySources.views})::float8`;
    const rows = await ctx.db
      .select({ source: analyticsDailySources.source, referrer: analyticsDailySources.referrer, campaign: analyticsDailySources.campaign, views })
      .from(analyticsDailySources)
      .where(and(eq(analyticsDailySources.creatorId, creatorId), gte(analyticsDailySources.day, period.from), lte(analyticsDailySources.day, period.to)))
      .groupBy(analyticsDailySources.source, analyticsDailySources.referrer, analyticsDailySources.campaign)
      .orderBy(sql`4 desc`, analyticsDailySources.source)
      .limit(100);
    return rows.map((row) => ({ ...row, views: Number(row.views) }));
  }
  // One post's: from the full rollup, through its post index.
  const views = sql<number>`sum(${analyticsDaily.events})::float8`;
  const rows = await ctx.db
    .select({ source: analyticsDaily.source, referrer: analyticsDaily.referrer, campaign: analyticsDaily.campaign, views })
    .from(analyticsDaily)
    .where(
      and(
        eq(analyticsDaily.creatorId, creatorId),
        eq(analyticsDaily.kind, "view"),
        gte(analyticsDaily.day, period.from),
        lte(analyticsDaily.day, period.to),
        eq(analyticsDaily.postId, postId),
      ),
    )
    .groupBy(analyticsDaily.source, analyticsDaily.referrer, analyticsDaily.campaign)
    .orderBy(sql`4 desc`, analyticsDaily.source)
    .limit(100);
  return rows.map((row) => ({ ...row, views: Number(row.views) }));
}

function firstDayOf(creator: { createdAt: Date; timeZone: string }): string {
  return dayIn(creator.createdAt, creator.timeZone);
}

export async function analyticsOverview(ctx: ServiceContext, input: z.input<typeof analyticsRangeInput>): Promise<Overview> {
  const creator = await requireOwnCreator(ctx);
  const range = resolveRange(analyticsRangeInput.parse(input), creator.timeZone, ctx.now, firstDayOf(creator));
  const whole = range.previous ? { from: range.previous.from, to: range.current.to } : range.current;
  const [byDay, sources, joins, now] = await Promise.all([
    figuresByDay(ctx, creator.id, whole),
    sourcesOf(ctx, creator.id, range.current),
    ctx.db
      .select({
        postId: analyticsDailyPosts.postId,
        title: posts.title,
        free: sql<number>`coalesce(sum(${analyticsDailyPosts.events}) filter (where ${analyticsDailyPosts.kind} = 'joined_free'), 0)::float8`,
        paid: sql<number>`coalesce(sum(${analyticsDailyPosts.events}) filter (where ${analyticsDailyPosts.kind} = 'joined_paid'), 0)::float8`,
      })
      .from(analyticsDailyPosts)
      .innerJoin(posts, eq(posts.id, analyticsDailyPosts.postId))
      .where(
        and(
          eq(analyticsDailyPosts.creatorId, creator.id),
          inArray(analyticsDailyPosts.kind, ["joined_free", "joined_paid"]),
          gte(analyticsDailyPosts.day, range.current.from),
          lte(analyticsDailyPosts.day, range.current.to),
        ),
      )
      .groupBy(analyticsDailyPosts.postId, posts.title)
      .orderBy(sql`sum(${analyticsDailyPosts.events}) desc`)
      .limit(10),
    readersNow(ctx, creator.id),
  ]);
  return {
    timeZone: creator.timeZone,
    currency: creator.currency,
    range,
    current: total(byDay, range.current),
    previous: range.previous ? total(byDay, range.previous) : null,
    series: series(byDay, range.current, range.bucket),
    sources,
    joinsByPost: joins.map((row) => ({ ...row, free: Number(row.free), paid: Number(row.paid) })),
    readersNow: now,
  };
}

/** Distinct visitors on the creator's pages in the last five minutes, from the raw events. */
async function readersNow(ctx: ServiceContext, creatorId: string): Promise<number> {
  const since = new Date(ctx.now.getTime() - READERS_NOW_MINUTES * 60_000);
  const [row] = await ctx.db
    .select({ n: sql<number>`count(distinct ${analyticsEvents.visitor})::int` })
    .from(analyticsEvents)
    .where(and(eq(analyticsEvents.creatorId, creatorId), eq(analyticsEvents.kind, "view"), gte(analyticsEvents.occurredAt, since)));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Posts

export type PostFigures = {
  id: string;
  title: string;
  slug: string;
  publishedAt: Date | null;
  views: number;
  visitors: number;
  engaged: number;
  freeJoins: number;
  paidJoins: number;
  emailsSent: number;
  emailClicks: number;
};

/** Every published post of the creator with its figures over the range, newest first. */
export async function analyticsPosts(ctx: ServiceContext, input: z.input<typeof analyticsRangeInput>): Promise<{ range: ResolvedRange; posts: PostFigures[] }> {
  const creator = await requireOwnCreator(ctx);
  const range = resolveRange(analyticsRangeInput.parse(input), creator.timeZone, ctx.now, firstDayOf(creator));
  const { from, to } = range.current;
  const kinds = (kind: string) => sql<number>`coalesce(sum(${analyticsDailyPosts.events}) filter (where ${analyticsDailyPosts.kind} = ${kind}), 0)::float8`;
  const figures = ctx.db
    .select({
      postId: analyticsDailyPosts.postId,
      views: kinds("view").as("views"),
      engaged: kinds("engaged").as("engaged"),
      freeJoins: kinds("joined_free").as("free_joins"),
      paidJoins: kinds("joined_paid").as("paid_joins"),
      emailsSent: kinds("email_sent").as("emails_sent"),
      emailClicks: kinds("email_click").as("email_clicks"),
    })
    .from(analyticsDailyPosts)
    .where(and(eq(analyticsDailyPosts.creatorId, creator.id), gte(analyticsDailyPosts.day, from), lte(analyticsDailyPosts.day, to)))
    .groupBy(analyticsDailyPosts.postId)
    .as("figures");
  const visitors = ctx.db
    .select({ postId: analyticsDailyVisitors.postId, visitors: sql<number>`sum(${analyticsDailyVisitors.visitors})::float8`.as("visitors") })
    .from(analyticsDailyVisitors)
    .where(
      and(
        eq(analyticsDailyVisitors.creatorId, creator.id),
        gte(analyticsDailyVisitors.day, from),
        lte(analyticsDailyVisitors.day, to),
        ne(analyticsDailyVisitors.postId, ""),
      ),
    )
    .groupBy(analyticsDailyVisitors.postId)
    .as("visitors");
  const rows = await ctx.db
    .select({
      id: posts.id,
      title: posts.title,
      slug: posts.slug,
      publishedAt: posts.publishedAt,
      views: figures.views,
      visitors: visitors.visitors,
      engaged: figures.engaged,
      freeJoins: figures.freeJoins,
      paidJoins: figures.paidJoins,
      emailsSent: figures.emailsSent,
      emailClicks: figures.emailClicks,
    })
    .from(posts)
    .leftJoin(figures, eq(figures.postId, posts.id))
    .leftJoin(visitors, eq(visitors.postId, posts.id))
    .where(and(eq(posts.creatorId, creator.id), eq(posts.status, "published"), isNull(posts.deletedAt)))
    .orderBy(sql`${posts.publishedAt} desc nulls last`, posts.id);
  return {
    range,
    posts: rows.map((row) => ({
      ...row,
      views: Number(row.views ?? 0),
      visitors: Number(row.visitors ?? 0),
      engaged: Number(row.engaged ?? 0),
      freeJoins: Number(row.freeJoins ?? 0),
      paidJoins: Number(row.paidJoins ?? 0),
      emailsSent: Number(row.emailsSent ?? 0),
      emailClicks: Number(row.emailClicks ?? 0),
    })),
  };
}

export type PostAnalytics = {
  post: { id: string; title: string; slug: string; handle: string; publishedAt: Date | null };
  range: ResolvedRange;
  current: Figures;
  series: (Figures & { bucket: string })[];
  sources: SourceRow[];
};

/** One post: its figures over the range (all its life by default), day by day, and its sources. */
export async function postAnalytics(ctx: ServiceContext, input: z.input<typeof postAnalyticsInput>): Promise<PostAnalytics> {
  const creator = await requireOwnCreator(ctx);
  const data = postAnalyticsInput.parse(input);
  const [post] = await ctx.db
    .select({ id: posts.id, title: posts.title, slug: posts.slug, publishedAt: posts.publishedAt })
    .from(posts)
    .where(and(eq(posts.id, data.postId), eq(posts.creatorId, creator.id), isNull(posts.deletedAt)));
  // Another creator's post is as missing as one that never was.
  if (!post) throw new AppError(AppErrorCode.NOT_FOUND, "This post does not exist.");
  const firstDay = post.publishedAt ? dayIn(post.publishedAt, creator.timeZone) : firstDayOf(creator);
  const range = resolveRange(analyticsRangeInput.parse({ range: data.range, from: data.from, to: data.to }), creator.timeZone, ctx.now, firstDay);
  const [byDay, sources] = await Promise.all([figuresByDay(ctx, creator.id, range.current, post.id), sourcesOf(ctx, creator.id, range.current, post.id)]);
  return {
    post: { ...post, handle: creator.handle },
    range,
    current: total(byDay, range.current),
    series: series(byDay, range.current, range.bucket),
    sources,
  };
}

/** The zone the creator's days are cut in, from now on (days already counted stay as they were). */
export async function setAnalyticsTimeZone(ctx: ServiceContext, input: z.input<typeof analyticsTimeZoneInput>): Promise<{ timeZone: string }> {
  const creator = await requireOwnCreator(ctx);
  const { timeZone } = analyticsTimeZoneInput.parse(input);
  await ctx.db.update(creators).set({ timeZone, updatedAt: ctx.now }).where(eq(creators.id, creator.id));
  return { timeZone };
}
