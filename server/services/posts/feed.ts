// The public channels that carry no session: a creator's RSS feed and the sitemap. Both are read
// as an anonymous visitor whoever asks, so they can be cached by anyone: gated posts appear with
// their teaser only, drafts and deleted posts not at all.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { creators, posts } from "@/db/schema";
import { escapeHtml } from "@/lib/html";
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
  const cards = await presentPosts(anon, rows, null);
  const pageUrl = `${origin}/${creator.handle}`;
  const items = cards.map((card) => {
    const url = `${pageUrl}/posts/${card.slug}`;
    const join = card.joinTier ? `<p><a href="${xml(`${pageUrl}/join`)}">Join ${xml(card.joinTier.name)} to unlock</a></p>` : "";
    // The body only for posts anyone may read; the teaser (maybe nothing) and a way in for the rest.
    const content = card.output.locked ? `${card.output.teaserHtml ?? ""}${join}` : (card.output.html ?? "");
    return [
      "<item>",
      `<title>${xml(card.title)}</title>`,
      `<link>${xml(url)}</link>`,
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
    `<title>${xml(creator.displayName)}</title>`,
    `<link>${xml(pageUrl)}</link>`,
    `<description>${xml(creator.tagline || `Posts by ${creator.displayName}`)}</description>`,
    ...items,
    "</channel>",
    "</rss>",
  ].join("\n");
}

export type SitemapEntry = { path: string; lastModified: Date };

/** Every creator page and every post an anonymous visitor can open; URLs and dates only. */
export async function sitemapEntries(ctx: ServiceContext, limit = 10_000): Promise<SitemapEntry[]> {
  const anon = anonymous(ctx);
  const rows = await anon.db
    .select({ ...cardColumns, handle: creators.handle })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(publishedWhere())
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
  const handles = new Map(rows.map((r) => [r.id, r.handle]));
  const cards = await presentPosts(anon, rows, null);
  const creatorRows = await anon.db.select({ handle: creators.handle, updatedAt: creators.updatedAt }).from(creators).limit(limit);
  return [
    ...creatorRows.map((c) => ({ path: `/${c.handle}`, lastModified: c.updatedAt })),
    ...cards.map((card) => ({ path: `/${handles.get(card.id)}/posts/${card.slug}`, lastModified: card.updatedAt })),
  ];
}
