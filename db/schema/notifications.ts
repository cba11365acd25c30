// Publish notifications: which posts asked to email their members, one delivery per (post,
// member) claimed before sending, and the creators a fan asked not to hear from by email.
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { creators } from "./creators";
import { posts } from "./posts";

/**
 * `sending` is claimed and not finished: a crash there leaves it so, and it is never retried,
 * since the message may have gone out. `skipped`: the recipient could no longer see the post.
 */
export const deliveryState = pgEnum("notification_delivery_state", ["sending", "sent", "failed", "skipped"]);

/** A post whose first publish asked to notify members; open until every delivery settled. */
export const postNotifications = pgTable(
  "post_notifications",
  {
    postId: text()
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("post_notifications_open_idx").on(t.createdAt)],
);

/** Exactly one email per post and recipient: the row is claimed before the message is sent. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: deliveryState().notNull().default("sending"),
    attempts: integer().notNull().default(1),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

/** A fan who turned off emails from a creator. Kept apart from memberships so it outlives a rejoin. */
export const emailOptOuts = pgTable(
  "email_opt_outs",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.creatorId] })],
);
