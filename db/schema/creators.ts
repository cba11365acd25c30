// A creator's public page: one per user, addressed by its handle, and the handles it had before.
import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { users } from "./auth";

/**
 * Who may comment on a post, among those the access policy lets read all of it: all of them, only
 * members whose tier is paid, or nobody.
 */
export const commentAccess = pgEnum("comment_access", ["readers", "paid", "off"]);

export const creators = pgTable(
  "creators",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    handle: text().notNull(),
    displayName: text().notNull(),
    tagline: text().notNull().default(""),
    about: text().notNull().default(""),
    /** Links to the creator's other places (their site, video channel, shop), http(s) only, in their order. */
    links: jsonb().$type<string[]>().notNull().default([]),
    /** The post shown first on their page. No foreign key: posts reference creators (see posts.ts). */
    featuredPostId: text(),
    /** Their picture and their page's banner: images of their own uploads, served to anyone (media.ts references creators). */
    avatarMediaId: text(),
    bannerMediaId: text(),
    /** What the page is about, from the fixed list explore groups pages by (lib/creator-categories.ts); null: not chosen. */
    category: text(),
    /** For adults only: left out of explore, search and discovery for anyone who has not asked to see such pages. */
    adultsOnly: boolean().notNull().default(false),
    /** The language the creator writes in (a text search configuration, lib/languages.ts): their posts' stemming, their pages' lang. */
    language: text().notNull().default("english"),
    /** ISO 4217 code for tier prices; money is always integer minor units of it. */
    currency: text().notNull().default("USD"),
    /** The access level new posts start with. */
    defaultAccess: text().notNull().default("public"),
    /** Who may comment on new posts, to start with. */
    defaultCommentAccess: commentAccess().notNull().default("readers"),
    /** IANA zone the creator's analytics days are cut in. */
    timeZone: text().notNull().default("UTC"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Creation order: the sitemap is cut into files by ranges of it. */
    seq: bigint({ mode: "number" }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [
    uniqueIndex("creators_handle_key").on(t.handle),
    uniqueIndex("creators_user_key").on(t.userId),
    uniqueIndex("creators_seq_key").on(t.seq),
    // Creator search, typo-tolerant on name and handle (pg_trgm). GiST, not GIN: a GiST index
    // hands out the most alike first (ORDER BY distance LIMIT n), so a word in thousands of names
    // ("studio") reads a few index pages instead of scoring every name that has it.
    index("creators_handle_trgm_idx").using("gist", t.handle.op("gist_trgm_ops")),
    index("creators_display_name_trgm_idx").using("gist", t.displayName.op("gist_trgm_ops")),
    // The few pages for adults only: listings leave their posts out by this list.
    index("creators_adults_only_idx").on(t.id).where(sql`${t.adultsOnly}`),
    index("creators_category_idx").on(t.category, t.createdAt).where(sql`${t.category} is not null`),
  ],
);

/**
 * Handles a creator used before their current one, so links to the old address redirect. A
 * retired handle stays its creator's: nobody else can take it and catch their old links.
 */
export const creatorHandles = pgTable(
  "creator_handles",
  {
    handle: text().primaryKey(),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    retiredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("creator_handles_creator_idx").on(t.creatorId)],
);
