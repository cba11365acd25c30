// Fans and creators talking: comments on posts (threaded, edited with history, pinned), and likes
// on posts and comments, one per person.
import { sql } from "drizzle-orm";
import { type AnyPgColumn, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { users } from "./auth";
import { posts } from "./posts";

export const comments = pgTable(
  "comments",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    authorId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The comment this one answers; null for a comment on the post itself. */
    parentId: text().references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    /** 0 for a comment on the post, 1 and 2 for replies: threads go three levels deep. */
    depth: integer().notNull().default(0),
    /** Plain text, as written; links are made on display, http(s) only. */
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
    /** Deleted by its author or the creator: its words are gone, its place in a thread stays. */
    deletedAt: timestamp({ withTimezone: true }),
    /** Pinned by the creator: shown first. */
    pinnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // A post's comments on the post, newest or oldest first, a page at a time.
    index("comments_post_idx").on(t.postId, t.createdAt, t.id).where(sql`${t.parentId} is null`),
    index("comments_parent_idx").on(t.parentId, t.createdAt),
    index("comments_post_all_idx").on(t.postId),
  ],
);

/** What a comment said before each edit: edits keep their history. */
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    commentId: text()
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    body: text().notNull(),
    /** When the words were replaced. */
    replacedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comment_revisions_comment_idx").on(t.commentId, t.replacedAt)],
);

/** One like per person and comment: the key makes a double click, or two at once, one like. */
export const commentLikes = pgTable(
  "comment_likes",
  {
    commentId: text()
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

/** One like per person and post. */
export const postLikes = pgTable(
  "post_likes",
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);
