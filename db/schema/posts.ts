// Posts: the validated document, its server-rendered HTML, and where it is in its lifecycle.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import type { PostDocument } from "../../lib/document/validate";
import { creators } from "./creators";

export const postStatus = pgEnum("post_status", ["draft", "scheduled", "published", "archived"]);
export const postAccess = pgEnum("post_access", ["public", "members", "paid", "tiers"]);

export const posts = pgTable(
  "posts",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    title: text().notNull().default(""),
    // Follows the title until first publish, then frozen: shared links never break.
    slug: text().notNull(),
    status: postStatus().notNull().default("draft"),
    access: postAccess().notNull().default("public"),
    document: jsonb().$type<PostDocument>().notNull(),
    // Rendered once at save time so the public page never renders the document per request.
    html: text().notNull().default(""),
    excerpt: text().notNull().default(""),
    wordCount: integer().notNull().default(0),
    // Optimistic concurrency: a save names the version it started from.
    version: integer().notNull().default(1),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("posts_creator_slug_key").on(t.creatorId, t.slug),
    index("posts_creator_published_idx")
      .on(t.creatorId, t.publishedAt.desc())
      .where(sql`${t.status} = 'published'`),
    index("posts_creator_updated_idx").on(t.creatorId, t.updatedAt.desc()),
  ],
);
