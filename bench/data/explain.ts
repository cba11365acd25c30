// `tsx --conditions=react-server bench/data/explain.ts <database url>`: runs the hot reads of the
// public pages and the studio against a generated dataset, through the services themselves, and
// prints every statement they sent with its plan's top lines and its execution time.
import type { ServiceContext } from "@/server/services/context";
import { listMembers, membersCsv } from "@/server/services/memberships/audience";
import { listPublishedTiers } from "@/server/services/memberships/tiers";
import { creatorFeedXml, sitemapFileEntries, sitemapFiles } from "@/server/services/posts/feed";
import { listLibrary } from "@/server/services/posts/library";
import { getReadablePost, listPublishedPosts, listPublishedPostsPage, listRecentPublished } from "@/server/services/posts/reads";
import { search } from "@/server/services/posts/search";
import { getCreatorByHandle } from "@/server/services/creators";
import { capturingDb } from "@/test/support/capturing-db";
import { STUDIO_HANDLE } from "./load";

async function main() {
  const url = process.argv[2];
  if (!url) throw new Error("Give the dataset's database URL.");
  const only = process.argv[3];
  const capture = capturingDb(url);
  const { client, db } = capture;
  const anonymous: ServiceContext = { db, viewer: null, now: new Date() };
  const [studio] = await client<{ id: string; user_id: string }[]>`select id, user_id from creators where handle = ${STUDIO_HANDLE}`;
  const [post] = await client<{ handle: string; slug: string }[]>`
    select c.handle, p.slug from posts p join creators c on c.id = p.creator_id
    where p.status = 'published' and p.deleted_at is null order by p.published_at desc limit 1`;
  const owner: ServiceContext = { db, viewer: { userId: studio!.user_id }, now: new Date() };

  const reads: Array<[string, () => Promise<unknown>]> = [
    ["post page", () => getReadablePost(anonymous, post!.handle, post!.slug)],
    ["creator page: creator", () => getCreatorByHandle(anonymous, STUDIO_HANDLE)],
    ["creator page: posts", () => listPublishedPosts(anonymous, studio!.id, 20)],
    ["creator page: tiers", () => listPublishedTiers(anonymous, studio!.id)],
    ["explore", () => listRecentPublished(anonymous)],
    ["search common", () => search(anonymous, { q: "studio" })],
    ["search common, newest", () => search(anonymous, { q: "studio", sort: "newest" })],
    ["search rare", () => search(anonymous, { q: "4242" })],
    ["search typo", () => search(anonymous, { q: "studoi" })],
    ["search creator typo", () => search(anonymous, { q: "bench-studoi" })],
    ["feed", () => creatorFeedXml(anonymous, STUDIO_HANDLE, "http://localhost")],
    ["sitemap index", () => sitemapFiles(anonymous)],
    ["sitemap file", () => sitemapFileEntries(anonymous, "posts-1")],
    ["archive 500 deep", async () => {
      let cursor: string | undefined;
      for (let page = 0; page < 25; page++) cursor = (await listPublishedPostsPage(anonymous, studio!.id, { cursor, limit: 20 })).nextCursor ?? undefined;
    }],
    ["library", () => listLibrary(owner, {})],
    ["library search", () => listLibrary(owner, { q: "press" })],
    ["members", () => listMembers(owner, {})],
    ["members csv", async () => new Response(await membersCsv(owner)).text()],
  ];
  for (const [name, read] of reads) {
    if (only && !name.startsWith(only)) continue;
    capture.reset();
    const started = performance.now();
    await read();
    const total = performance.now() - started;
    console.log(`\n=== ${name}: ${total.toFixed(1)} ms, ${capture.statements().length} statements`);
    for (const { sql, params } of capture.statements()) {
      const rows = await client.unsafe(`explain (analyze, buffers, format text) ${sql}`, params as never[]);
      const lines = rows.map((r) => String((r as Record<string, unknown>)["QUERY PLAN"]));
      console.log(`--- ${sql.slice(0, 160)}`);
      console.log(lines.filter((l) => !/^\s+(Buffers|Planning:|Heap Blocks)/.test(l)).slice(0, 14).join("\n"));
      console.log(lines.filter((l) => /Execution Time/.test(l)).join(""));
    }
  }
  await capture.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
