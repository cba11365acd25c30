// Publish notifications: which posts asked to email their members, one delivery per (post,
// member) claimed before sending, and the creators a fan asked not to hear from by email.
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { creators } from "./creators";
import { posts } from "./posts";

/**
 * `sending` is claimed and not finished. A claim is a lease: if its worker dies before settling it,
 * another takes it over once `lease_until` passes. `skipped`: the recipient could no longer see
 * the post.
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
    /** The claim's holder, so a worker that lost its lease cannot settle its successor's claim. */
    claimToken: text(),
    /** Until when the claim is its worker's; past it, a `sending` delivery is the worker's no more. */
    leaseUntil: timestamp({ withTimezone: true }),
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
