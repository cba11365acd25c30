// How fans find creators and come back to them: who follows whom, and whom creators recommend.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { users } from "./auth";
import { creators } from "./creators";

/**
 * A fan following a creator: free, open to anyone signed in, apart from membership (a member
 * follows when they join, and may stop following and stay a member). The home feed reads it.
 */
export const follows = pgTable(
  "follows",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One row per fan and creator: following twice, however fast, is following once.
    primaryKey({ columns: [t.userId, t.creatorId] }),
    // A creator's followers, newest first, a page at a time (read backwards: see posts.ts).
    index("follows_creator_idx").on(t.creatorId, t.createdAt, t.userId),
    // The follows of the last days across creators: explore's Rising reads them by this.
    index("follows_created_idx").on(t.createdAt),
  ],
);

/**
 * A creator recommending another, with a line saying why: shown on their page, on the welcome
 * step after a fan joins, and in the welcome email. Clicks are counted here (the link goes
 * through /api/recommendation/{id}); joins are the memberships credited to it.
 */
export const recommendations = pgTable(
  "recommendations",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    recommendedId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    reason: varchar({ length: 140 }).notNull().default(""),
    /** The creator's order, from 0. */
    position: integer().notNull().default(0),
    clicks: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("recommendations_pair_key").on(t.creatorId, t.recommendedId),
    // Who recommends a creator (their studio shows it).
    index("recommendations_recommended_idx").on(t.recommendedId),
    check("recommendations_not_self", sql`${t.creatorId} <> ${t.recommendedId}`),
  ],
);
