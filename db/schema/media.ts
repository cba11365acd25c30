// Uploaded media: the original in storage, what we learned from its bytes, and its variants.
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { creators } from "./creators";
import { posts } from "./posts";

export const mediaKind = pgEnum("media_kind", ["image", "audio", "video", "file"]);

export type MediaVariant = { key: string; width: number; height: number; mime: string; size: number };

export const media = pgTable(
  "media",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    kind: mediaKind().notNull(),
    storageKey: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    originalName: text().notNull().default(""),
    width: integer(),
    height: integer(),
    durationSeconds: real(),
    blurDataUrl: text(),
    variants: jsonb().$type<MediaVariant[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("media_creator_idx").on(t.creatorId, t.createdAt)],
);

/**
 * Which posts use which media, rebuilt from the document on every save: a gated post's files
 * are served only to viewers who may read one of the posts that uses them.
 */
export const postMedia = pgTable(
  "post_media",
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    mediaId: text()
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.mediaId] }), index("post_media_media_idx").on(t.mediaId)],
);
