// How fans find creators and come back to them: who follows whom.
import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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
  ],
);
