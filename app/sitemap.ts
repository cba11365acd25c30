// Every page an anonymous visitor can open, for crawlers: creator pages and readable-or-teased posts.
import type { MetadataRoute } from "next";
import { headers } from "next/headers";
import { sitemapEntries } from "@/server/services/posts/feed";
import { createTRPCContext } from "@/server/trpc/init";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const h = await headers();
  const origin = process.env.AUTH_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const entries = await sitemapEntries(await createTRPCContext());
  return entries.map((entry) => ({ url: new URL(entry.path, origin).toString(), lastModified: entry.lastModified }));
}
