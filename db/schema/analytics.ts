// First-party analytics: raw events as they arrive, the daily salts that make visitors countable
// for one day and no longer, and the rollups the dashboards read. See server/services/analytics/.
import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { creators } from "./creators";

/**
 * What happened. `view` and `engaged` come from the reader's browser (the beacon); everything
 * else is recorded by the server where it happens.
 */
export const analyticsEventKind = pgEnum("analytics_event_kind", [
  "view",
  "engaged",
  "email_sent",
  "email_click",
  "feed_fetch",
  "joined_free",
  "joined_paid",
  "upgraded",
  "downgraded",
  "cancelled",
  "expired",
  "renewed",
  "payment_failed",
]);

/**
 * Raw events, kept ANALYTICS_RAW_DAYS days and rolled up every few minutes. No address, no
 * account: a visitor is a hash that means something for one day only (services/analytics/visitor.ts).
 */
export const analyticsEvents = pgTable(
  "analytics_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    /** The post read, emailed or clicked; for a join, the post that led to it. Empty for none. */
    postId: text().notNull().default(""),
    kind: analyticsEventKind().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    /** When it was written: the rollup picks up what arrived since its last run by this. */
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The day's visitor hash; empty for server events. */
    visitor: text().notNull().default(""),
    /** direct, search-engine, social, referral, campaign, email, feed, explore, search (ours), recommendation, site. */
    source: text().notNull().default("direct"),
    /** The referring site's domain (never the path), or the campaign's utm_source. */
    referrer: text().notNull().default(""),
    campaign: text().notNull().default(""),
    tierId: text().notNull().default(""),
    /** Change in monthly recurring revenue, minor units of the creator's currency. */
    mrrDelta: integer().notNull().default(0),
  },
  (t) => [
    index("analytics_events_received_idx").on(t.receivedAt),
    // Readers right now, and the rollup's recount of one creator's hour or day.
    index("analytics_events_creator_idx").on(t.creatorId, t.occurredAt),
  ],
);

/** One random salt per UTC day, deleted after 48 hours: after that a hash leads back to no one. */
export const analyticsSalts = pgTable("analytics_salts", {
  day: date({ mode: "string" }).primaryKey(),
  salt: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

const rollupColumns = {
  creatorId: text()
    .notNull()
    .references(() => creators.id, { onDelete: "cascade" }),
  kind: analyticsEventKind().notNull(),
  postId: text().notNull(),
  source: text().notNull(),
  referrer: text().notNull(),
  campaign: text().notNull(),
  tierId: text().notNull(),
  events: integer().notNull(),
  mrrDelta: bigint({ mode: "number" }).notNull(),
};

/** Events per UTC hour, per post, source and tier: kept forever. */
export const analyticsHourly = pgTable(
  "analytics_hourly",
  { hour: timestamp({ withTimezone: true }).notNull(), ...rollupColumns },
  (t) => [
    primaryKey({ columns: [t.creatorId, t.hour, t.kind, t.postId, t.source, t.referrer, t.campaign, t.tierId] }),
    index("analytics_hourly_post_idx").on(t.postId, t.hour).where(sql`${t.postId} <> ''`),
  ],
);

/** Events per day in the creator's time zone (as it was when the day was counted): kept forever. */
export const analyticsDaily = pgTable(
  "analytics_daily",
  { day: date({ mode: "string" }).notNull(), ...rollupColumns },
  (t) => [
    primaryKey({ columns: [t.creatorId, t.day, t.kind, t.postId, t.source, t.referrer, t.campaign, t.tierId] }),
    index("analytics_daily_post_idx").on(t.postId, t.day).where(sql`${t.postId} <> ''`),
  ],
);

/**
 * Unique visitors per creator's day, for the whole page (`postId` empty) and per post. A visitor
 * is known for one day only, so a longer range's visitors are the sum of its days'.
 */
export const analyticsDailyVisitors = pgTable(
  "analytics_daily_visitors",
  {
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    postId: text().notNull(),
    visitors: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.day, t.postId] })],
);

/** How far the rollup has read: events received up to this instant are counted. One row. */
export const analyticsRollupState = pgTable("analytics_rollup_state", {
  id: integer().primaryKey().default(1),
  rolledThrough: timestamp({ withTimezone: true }).notNull(),
});

/**
 * The daily figures the dashboards read most, summed from analytics_daily as each day is counted:
 * a creator's day by kind and tier (the overview and earnings), by post and kind (the posts
 * table), and page views by source (where readers came from). A year of them is a few thousand
 * rows per creator, not hundreds of thousands.
 */
export const analyticsDailyTotals = pgTable(
  "analytics_daily_totals",
  {
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    kind: analyticsEventKind().notNull(),
    tierId: text().notNull(),
    events: integer().notNull(),
    mrrDelta: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.day, t.kind, t.tierId] })],
);

export const analyticsDailyPosts = pgTable(
  "analytics_daily_posts",
  {
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    postId: text().notNull(),
    kind: analyticsEventKind().notNull(),
    events: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.day, t.postId, t.kind] })],
);

export const analyticsDailySources = pgTable(
  "analytics_daily_sources",
  {
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    source: text().notNull(),
    referrer: text().notNull(),
    campaign: text().notNull(),
    views: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.day, t.source, t.referrer, t.campaign] })],
);
