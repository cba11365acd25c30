// The public channels that carry no session: a creator's RSS feed, a collection's, and the sitemap (an index of
// files). Both are read as an anonymous visitor whoever asks, so they can be cached by anyone:
// gated posts appear with their teaser only, drafts and deleted posts not at all.
import "server-only";
import { and, asc, between, desc, eq, max } from "drizzle-orm";
import { collectionPosts, collections, creators, posts } from "@/db/schema";
import { escapeHtml } from "@/lib/html";
import { decidePostVisibility } from "../access/policy";
import type { ServiceContext } from "../context";
import { cardColumns, presentPosts, publishedWhere } from "./present";

/** XML text and attributes need the same five escapes as HTML's. */
const xml = escapeHtml;

function anonymous(ctx: ServiceContext): ServiceContext {
  return { ...ctx, viewer: null, creator: null };
}

/** RSS 2.0 for `/{handle}/feed.xml`, or null when the creator does not exist. */
export async function creatorFeedXml(ctx: ServiceContext, handle: string, origin: string, limit = 30): Promise<string | null> {
  const anon = anonymous(ctx);
  const creator = await anon.db.query.creators.findFirst({ where: eq(creators.handle, handle.toLowerCase()) });
  if (!creator) return null;
  const rows = await anon.db
    .select({ ...cardColumns, html: posts.html, teaserHtml: posts.teaserHtml })
    .from(posts)
    .where(and(eq(posts.creatorId, creator.id), publishedWhere()))
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
  const pageUrl = `${origin}/${creator.handle}`;
  return feedXml({ title: creator.displayName, link: pageUrl, description: creator.tagline || `Posts by ${creator.displayName}` }, pageUrl, await presentPosts(anon, rows, null));
}

/**
 * RSS 2.0 for `/{handle}/collections/{slug}/feed.xml`: the collection's published posts in its
 * order, or null when there is no such collection.
 */
export async function collectionFeedXml(ctx: ServiceContext, handle: string, slug: string, origin: string): Promise<string | null> {
  const anon = anonymous(ctx);
  const [found] = await anon.db
    .select({ id: collections.id, title: collections.title, slug: collections.slug, description: collections.description, handle: creators.handle, displayName: creators.displayName })
    .from(collections)
    .innerJoin(creators, eq(creators.id, collections.creatorId))
    .where(and(eq(creators.handle, handle.toLowerCase()), eq(collections.slug, slug)));
  if (!found) return null;
  const rows = await anon.db
    .select({ ...cardColumns, html: posts.html, teaserHtml: posts.teaserHtml })
    .from(collectionPosts)
    .innerJoin(posts, eq(posts.id, collectionPosts.postId))
    .where(and(eq(collectionPosts.collectionId, found.id), publishedWhere()))
    .orderBy(asc(collectionPosts.position));
  const pageUrl = `${origin}/${found.handle}`;
  return feedXml(
    { title: `${found.title} · ${found.displayName}`, link: `${pageUrl}/collections/${found.slug}`, description: found.description || `A collection by ${found.displayName}` },
    pageUrl,
    await presentPosts(anon, rows, null),
  );
}

/** The channel and its items: the body only for posts anyone may read, the teaser and a way in for the rest. */
function feedXml(channel: { title: string; link: string; description: string }, pageUrl: string, cards: Awaited<ReturnType<typeof presentPosts>>): string {
  const items = cards.map((card) => {
    const url = `${pageUrl}/posts/${card.slug}`;
    const join = card.joinTier ? `<p><a href="${xml(`${pageUrl}/join`)}">Join ${xml(card.joinTier.name)} to unlock</a></p>` : "";
    const content = card.output.locked ? `${card.output.teaserHtml ?? ""}${join}` : (card.output.html ?? "");
    return [
      "<item>",
      `<title>${xml(card.title)}</title>`,
      // Tagged, so the creator's analytics credit the visit to their feed.
      `<link>${xml(`${url}?src=feed`)}</link>`,
      `<guid isPermaLink="false">${xml(card.id)}</guid>`,
      card.publishedAt ? `<pubDate>${card.publishedAt.toUTCString()}</pubDate>` : "",
      `<description>${xml(card.excerpt)}</description>`,
      `<content:encoded>${xml(content)}</content:encoded>`,
      "</item>",
    ].join("");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    "<channel>",
    `<title>${xml(channel.title)}</title>`,
    `<link>${xml(channel.link)}</link>`,
    `<description>${xml(channel.description)}</description>`,
    ...items,
    "</channel>",
    "</rss>",
  ].join("\n");
}

export type SitemapEntry = { path: string; lastModified: Date };

/** URLs per sitemap file (the protocol allows 50,000): a file stays quick to build and fetch. */
export const SITEMAP_FILE_URLS = 10_000;

const SITEMAP_FILE = /^(creators|posts)-(\d{1,9})$/;

/**
 * The sitemap's files: creator pages, then posts, each file a range of SITEMAP_FILE_URLS creation
 * numbers (`seq`), so it holds at most that many URLs and is read through an index, and knowing
 * the files takes two index lookups (the highest numbers), not a count. Posts deleted or never
 * published leave their numbers unused: a file may hold fewer.
 */
export async function sitemapFiles(ctx: ServiceContext): Promise<string[]> {
  const [[lastCreator], [lastPost]] = await Promise.all([
    ctx.db.select({ seq: max(creators.seq) }).from(creators),
    ctx.db.select({ seq: max(posts.seq) }).from(posts).where(publishedWhere()),
  ]);
  // At least one file of each, so the index never lists nothing.
  const files = (kind: string, last: number | null | undefined) =>
    Array.from({ length: Math.max(1, Math.ceil((last ?? 0) / SITEMAP_FILE_URLS)) }, (_, index) => `${kind}-${index}`);
  return [...files("creators", lastCreator?.seq), ...files("posts", lastPost?.seq)];
}

/** The sitemap index for `/sitemap.xml`: every file's address. */
export async function sitemapIndexXml(ctx: ServiceContext, origin: string): Promise<string> {
  const files = await sitemapFiles(ctx);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files.map((file) => `<sitemap><loc>${xml(`${origin}/sitemap/${file}.xml`)}</loc></sitemap>`),
    "</sitemapindex>",
  ].join("\n");
}

/**
 * One sitemap file: its creator pages, or the posts in it an anonymous visitor can open (their
 * teaser at least); URLs and dates only, null for a file that does not exist. The policy is asked
 * directly: a sitemap shows no words of a post, so nothing of the presenter's is needed.
 */
export async function sitemapFileEntries(ctx: ServiceContext, file: string): Promise<SitemapEntry[] | null> {
  const match = SITEMAP_FILE.exec(file);
  if (!match) return null;
  const first = Number(match[2]) * SITEMAP_FILE_URLS + 1;
  const last = first + SITEMAP_FILE_URLS - 1;
  if (match[1] === "creators") {
    const rows = await ctx.db
      .select({ handle: creators.handle, updatedAt: creators.updatedAt })
      .from(creators)
      .where(between(creators.seq, first, last))
      .orderBy(asc(creators.seq));
    return rows.map((row) => ({ path: `/${row.handle}`, lastModified: row.updatedAt }));
  }
  const rows = await ctx.db
    .select({
      creatorId: posts.creatorId,
      status: posts.status,
      access: posts.access,
      deletedAt: posts.deletedAt,
      publicAt: posts.publicAt,
      slug: posts.slug,
      updatedAt: posts.updatedAt,
      handle: creators.handle,
    })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(and(publishedWhere(), between(posts.seq, first, last)))
    .orderBy(asc(posts.seq));
  return rows
    .filter((row) => decidePostVisibility(row, null, ctx.now) !== "hidden")
    .map((row) => ({ path: `/${row.handle}/posts/${row.slug}`, lastModified: row.updatedAt }));
}

/** One sitemap file as XML for `/sitemap/{file}.xml`, or null for a file that does not exist. */
export async function sitemapFileXml(ctx: ServiceContext, file: string, origin: string): Promise<string | null> {
  const entries = await sitemapFileEntries(ctx, file);
  if (!entries) return null;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map((entry) => `<url><loc>${xml(`${origin}${entry.path}`)}</loc><lastmod>${entry.lastModified.toISOString()}</lastmod></url>`),
    "</urlset>",
  ].join("\n");
}
