// Memberships: a creator's tiers, who holds which, and the payment ledger behind them.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { users } from "./auth";
import { creators } from "./creators";
import { recommendations } from "./discovery";
import { posts } from "./posts";

export const tierStatus = pgEnum("tier_status", ["draft", "published", "archived"]);
export const membershipStatus = pgEnum("membership_status", ["active", "cancelling", "past_due", "expired"]);
export const billingInterval = pgEnum("billing_interval", ["month", "year"]);
export const paymentStatus = pgEnum("payment_status", ["pending", "succeeded", "failed", "refunded"]);

export const tiers = pgTable(
  "tiers",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    benefits: jsonb().$type<string[]>().notNull().default([]),
    /** Minor units of `currency`; 0 is the free tier. */
    monthlyPrice: integer().notNull(),
    annualPrice: integer(),
    currency: text().notNull(),
    memberCap: integer(),
    coverMediaId: text(),
    position: integer().notNull().default(0),
    status: tierStatus().notNull().default("draft"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tiers_creator_idx").on(t.creatorId, t.position)],
);

export const postTiers = pgTable(
  "post_tiers",
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    tierId: text()
      .notNull()
      .references(() => tiers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tierId] })],
);

export const memberships = pgTable(
  "memberships",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    tierId: text()
      .notNull()
      .references(() => tiers.id),
    status: membershipStatus().notNull().default("active"),
    /** The price this member pays, fixed when they joined: later price changes are for new members. */
    price: integer().notNull(),
    currency: text().notNull(),
    interval: billingInterval().notNull().default("month"),
    currentPeriodEnd: timestamp({ withTimezone: true }),
    /** A downgrade waits for the period end. */
    pendingTierId: text().references(() => tiers.id),
    attributedPostId: text().references(() => posts.id, { onDelete: "set null" }),
    /** Another creator's recommendation that brought the fan here (see discovery.ts). */
    attributedRecommendationId: text().references(() => recommendations.id, { onDelete: "set null" }),
    /** When the welcome email went out; null until it has (a sweep sends the ones a lost job missed). */
    welcomedAt: timestamp({ withTimezone: true }),
    provider: text().notNull().default("sandbox"),
    providerSubscriptionId: text(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live membership per fan and creator; expired ones stay as history.
    uniqueIndex("memberships_live_key").on(t.userId, t.creatorId).where(sql`${t.status} <> 'expired'`),
    index("memberships_creator_idx").on(t.creatorId, t.status),
    // The members list and its export, newest first, a page at a time (read backwards: see posts.ts).
    index("memberships_creator_started_idx").on(t.creatorId, t.startedAt, t.id),
    index("memberships_tier_idx").on(t.tierId, t.status),
    // The joins of the last days across creators: explore's Rising reads them by this.
    index("memberships_started_idx").on(t.startedAt),
    index("memberships_renewal_idx").on(t.currentPeriodEnd).where(sql`${t.status} <> 'expired'`),
    // The joins each recommendation brought.
    index("memberships_recommendation_idx").on(t.attributedRecommendationId).where(sql`${t.attributedRecommendationId} is not null`),
  ],
);

/** The ledger: every charge attempt, once per idempotency key. */
export const payments = pgTable(
  "payments",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    idempotencyKey: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    tierId: text().references(() => tiers.id),
    membershipId: text().references(() => memberships.id, { onDelete: "set null" }),
    amount: integer().notNull(),
    currency: text().notNull(),
    status: paymentStatus().notNull(),
    provider: text().notNull(),
    providerPaymentId: text(),
    failureCode: text(),
    failureMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_idempotency_key").on(t.idempotencyKey),
    index("payments_membership_idx").on(t.membershipId),
    index("payments_creator_idx").on(t.creatorId, t.createdAt),
    // What each member has paid a creator, summed for a page of the members list.
    index("payments_member_idx").on(t.creatorId, t.userId).where(sql`${t.status} = 'succeeded'`),
  ],
);

/** Provider webhook events already handled: a replay is recognised and skipped. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
