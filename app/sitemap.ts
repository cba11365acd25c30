// Every page an anonymous visitor can open, for crawlers: creator pages and readable-or-teased posts.
// Read without a session, whoever asks.
import type { MetadataRoute } from "next";
import { anonymousContext } from "@/server/http/context";
import { siteUrl } from "@/server/http/site-origin";
import { sitemapEntries } from "@/server/services/posts/feed";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const entries = await sitemapEntries(anonymousContext());
  return entries.map((entry) => ({ url: siteUrl(entry.path), lastModified: entry.lastModified }));
}
