// Infrastructure tables: the mail outbox and the fixed-window rate limiter.
import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";

/** Every message the app sends is recorded; with no SMTP configured this is the dev outbox. */
export const mailOutbox = pgTable("mail_outbox", {
  id: text().primaryKey().$defaultFn(() => uuidv7()),
  to: text().notNull(),
  subject: text().notNull(),
  text: text().notNull(),
  html: text().notNull(),
  /** Extra headers such as List-Unsubscribe, kept so a developer sees what SMTP would send. */
  headers: jsonb().$type<Record<string, string>>(),
  transport: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One row per limited key; a window restarts once `resetAt` has passed. */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  count: integer().notNull(),
  resetAt: timestamp({ withTimezone: true }).notNull(),
});
