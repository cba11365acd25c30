// Posts: the validated document, its server-rendered HTML and teaser, where it is in its
// lifecycle, and what is kept around it (revisions, old slugs, tags, the collections it is in).
import { sql, type SQL } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import type { PostDocument } from "../../lib/document/validate";
import { users } from "./auth";
import { commentAccess, creators } from "./creators";

export const postStatus = pgEnum("post_status", ["draft", "scheduled", "published", "archived"]);
/** `early_access`: the selected tiers until `publicAt`, then everyone. */
export const postAccess = pgEnum("post_access", ["public", "members", "paid", "tiers", "early_access"]);
/** What viewers without access see: text above the paywall break, the preview text, or nothing. */
export const teaserMode = pgEnum("teaser_mode", ["auto", "custom", "none"]);
export const revisionReason = pgEnum("revision_reason", ["publish", "update", "manual", "autosave", "restore"]);

/** A text's words for full-text search, as PostgreSQL stores them (read only by search queries). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
/** A text search configuration's name (`english`, `simple`, …): what stems a post's words. */
const regconfig = customType<{ data: string }>({ dataType: () => "regconfig" });

export const posts = pgTable(
  "posts",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    /** text, image, gallery, audio, video, attachment, poll: derived from the document on save. */
    kind: text().notNull().default("text"),
    title: text().notNull().default(""),
    // Follows the title until first publish, then frozen: shared links never break.
    slug: text().notNull(),
    status: postStatus().notNull().default("draft"),
    access: postAccess().notNull().default("public"),
    publicAt: timestamp({ withTimezone: true }),
    document: jsonb().$type<PostDocument>().notNull(),
    // Rendered once at save time so the public page never renders the document per request.
    html: text().notNull().default(""),
    teaserMode: teaserMode().notNull().default("auto"),
    previewText: text().notNull().default(""),
    // What viewers without access get, stored final at save time (never the body of a post
    // without a paywall break): every channel shows these as they are, and search matches a post
    // a viewer may not read by its title and teaserText only.
    teaserHtml: text().notNull().default(""),
    teaserText: text().notNull().default(""),
    excerpt: text().notNull().default(""),
    plainText: text().notNull().default(""),
    wordCount: integer().notNull().default(0),
    coverMediaId: text(),
    /** Who may comment, among those who may read the whole post (see creators.commentAccess). */
    commentAccess: commentAccess().notNull().default("readers"),
    notifyMembers: boolean().notNull().default(true),
    /**
     * Edits to a published post wait here until the creator presses Update; the live columns
     * above change only then.
     */
    pendingTitle: text(),
    pendingDocument: jsonb().$type<PostDocument>(),
    // Optimistic concurrency: a save names the version it started from.
    version: integer().notNull().default(1),
    scheduledAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Creation order: the sitemap is cut into files by ranges of it, each found through an index. */
    seq: bigint({ mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    /**
     * The language its words are stemmed in (its creator's page language, lib/languages.ts), so
     * a search for "painting" finds "paintings" and "painted". A regconfig, not text: the stored
     * word lists below may only use an immutable expression, and a text cast to one is not.
     */
    language: regconfig().notNull().default(sql`'english'::regconfig`),
    // The words search matches and ranks, stored so that neither a match nor a rank re-reads the
    // text: the body's (title and plain text) for readers with access, the public text's (title
    // and teaser text) for everyone else. The title's words weigh most in the rank.
    searchWords: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`setweight(to_tsvector(${posts.language}, ${posts.title}), 'A') || to_tsvector(${posts.language}, ${posts.plainText})`,
      ),
    publicSearchWords: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`setweight(to_tsvector(${posts.language}, ${posts.title}), 'A') || to_tsvector(${posts.language}, ${posts.teaserText})`,
      ),
  },
  // NOTE: the time columns are indexed ascending. A query's `desc()` means DESC NULLS FIRST, which
  // an ascending index serves read backwards; Drizzle's `.desc()` on an index means DESC NULLS
  // LAST, which it cannot serve, and every newest-first list then sorted the whole table.
  (t) => [
    uniqueIndex("posts_creator_slug_key").on(t.creatorId, t.slug),
    index("posts_creator_published_idx")
      .on(t.creatorId, t.publishedAt, t.id)
      .where(sql`${t.status} = 'published' and ${t.deletedAt} is null`),
    index("posts_published_idx")
      .on(t.publishedAt, t.id)
      .where(sql`${t.status} = 'published' and ${t.deletedAt} is null`),
    index("posts_sitemap_idx")
      .on(t.seq)
      .where(sql`${t.status} = 'published' and ${t.deletedAt} is null`),
    index("posts_creator_updated_idx").on(t.creatorId, t.updatedAt, t.id).where(sql`${t.deletedAt} is null`),
    // The studio library, newest first by the date a creator thinks of: the same expression as
    // postDate in server/services/posts/library.ts, so a page reads its own rows, not all of theirs.
    index("posts_library_date_idx")
      .on(
        t.creatorId,
        sql`coalesce(case when ${t.status} = 'scheduled' then ${t.scheduledAt} when ${t.status} in ('published', 'archived') then ${t.publishedAt} end, ${t.updatedAt})`,
        t.id,
      )
      .where(sql`${t.deletedAt} is null`),
    // The library's counts per status, from the index alone (a creator's rows are wide and scattered).
    index("posts_creator_status_idx").on(t.creatorId, t.status, t.deletedAt),
    index("posts_scheduled_idx").on(t.scheduledAt).where(sql`${t.status} = 'scheduled'`),
    index("posts_search_words_idx").using("gin", t.searchWords),
    index("posts_public_search_words_idx").using("gin", t.publicSearchWords),
  ],
);

export const postRevisions = pgTable(
  "post_revisions",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    title: text().notNull(),
    document: jsonb().$type<PostDocument>().notNull(),
    reason: revisionReason().notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("post_revisions_post_idx").on(t.postId, t.createdAt)],
);

/** Slugs a post had before its current one, so old links redirect. */
export const postSlugs = pgTable(
  "post_slugs",
  {
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    slug: text().notNull(),
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.slug] })],
);

export const tags = pgTable(
  "tags",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    name: text().notNull(),
    slug: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // By slug alone: search narrows to a tag across every creator.
  (t) => [uniqueIndex("tags_creator_slug_key").on(t.creatorId, t.slug), index("tags_slug_idx").on(t.slug)],
);

export const postTags = pgTable(
  "post_tags",
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    tagId: text()
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] }), index("post_tags_tag_idx").on(t.tagId)],
);

/**
 * A collection: an ordered series of a creator's posts, read start to end, with its own page
 * (`/{handle}/collections/{slug}`) and feed. Its posts keep their own access: a collection shows
 * a gated post as the creator's page does, teaser only.
 */
export const collections = pgTable(
  "collections",
  {
    id: text().primaryKey().$defaultFn(() => uuidv7()),
    creatorId: text()
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    title: text().notNull(),
    slug: text().notNull(),
    description: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("collections_creator_slug_key").on(t.creatorId, t.slug)],
);

export const collectionPosts = pgTable(
  "collection_posts",
  {
    collectionId: text()
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    /** The post's place in the series, from 0. */
    position: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.postId] }),
    index("collection_posts_order_idx").on(t.collectionId, t.position),
    // The collections a post is in (its page shows previous and next in each).
    index("collection_posts_post_idx").on(t.postId),
  ],
);

/**
 * The words of published posts' titles, each once: what search corrects a mistyped word to (a
 * trigram match against this short list, not against a million titles). Kept by a trigger on
 * posts (migration 0020: every title a post is published with, or given while published), so
 * no path that publishes can forget it. Titles are public, so a suggestion reveals nothing gated;
 * a draft's title never gets here.
 */
export const searchTerms = pgTable(
  "search_terms",
  { term: text().primaryKey() },
  (t) => [index("search_terms_trgm_idx").using("gin", t.term.op("gin_trgm_ops"))],
);
