// `npm run bench:search -- <database url> [--runs=20]`: search's latency on a database made by
// `npm run bench:data` (at scale 1: 100k creators, 1M posts). Each search of a fixed set (common
// and rare words, two words, typos in a post's and a creator's words, by date, narrowed) runs once
// to warm up, then `runs` times in turn, through the app's own service with a pool as the app's;
// it prints each one's median and p95 and the p95 of all of them, as Markdown for BENCHMARKS.md.
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { CONNECTION_OPTIONS } from "@/db/client";
import * as schema from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { search } from "@/server/services/posts/search";
import type { SearchInput } from "@/lib/schemas/search";
import { STUDIO_HANDLE } from "./load";

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main() {
  const url = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  if (!url) throw new Error("Give the dataset's database URL (npm run bench:data prints it).");
  const runs = Number(flag("runs") ?? 20);
  const client = postgres(url, { ...CONNECTION_OPTIONS, max: 10 });
  const db = drizzle(client, { schema, casing: "snake_case" });
  try {
    const [counts] = await client<{ posts: number; creators: number }[]>`
      select (select count(*)::int from posts where status = 'published') as posts, (select count(*)::int from creators) as creators`;
    const [member] = await client<{ user_id: string }[]>`
      select m.user_id from memberships m join creators c on c.id = m.creator_id where c.handle = ${STUDIO_HANDLE} and m.status = 'active' limit 1`;
    const [rare] = await client<{ title: string }[]>`select title from posts where status = 'published' order by published_at desc limit 1`;
    const [someone] = await client<{ display_name: string; handle: string }[]>`select display_name, handle from creators order by seq limit 1 offset 4242`;
    const rareNumber = /(\d+)$/.exec(rare!.title)?.[1] ?? "4242";
    const misspelt = (text: string) => text.replace(/([aeiou])([a-z])/, "$2$1");

    const anonymous = (): ServiceContext => ({ db, viewer: null, now: new Date() });
    const asMember = (): ServiceContext => ({ db, viewer: { userId: member!.user_id }, now: new Date() });
    const searches: Array<[string, () => ServiceContext, SearchInput]> = [
      ["a common word (studio)", anonymous, { q: "studio" }],
      ["a common word, newest first", anonymous, { q: "studio", sort: "newest" }],
      ["a common word, a member of the 100k-member creator", asMember, { q: "studio" }],
      ["two words (quiet studio)", anonymous, { q: "quiet studio" }],
      [`a rare word (${rareNumber})`, anonymous, { q: rareNumber }],
      ["a typo in a post's word (studoi)", anonymous, { q: "studoi" }],
      [`a creator's name (${someone!.display_name})`, anonymous, { q: someone!.display_name }],
      [`a creator's name, misspelt (${misspelt(someone!.display_name.toLowerCase())})`, anonymous, { q: misspelt(someone!.display_name.toLowerCase()) }],
      [`a creator's handle, misspelt (${misspelt(someone!.handle)})`, anonymous, { q: misspelt(someone!.handle) }],
      ["narrowed to the 10k-post creator (press)", anonymous, { q: "press", creator: STUDIO_HANDLE }],
      ["narrowed to the past week and text posts (studio)", anonymous, { q: "studio", since: "week", kind: "text" }],
      ["the second page, by relevance (studio)", anonymous, { q: "studio", cursor: Buffer.from(JSON.stringify(["rank", 20])).toString("base64url") }],
    ];

    const all: number[] = [];
    const rows: string[] = [];
    for (const [name, ctx, input] of searches) {
      const warm = await search(ctx(), input);
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        await search(ctx(), input);
        times.push(performance.now() - started);
      }
      all.push(...times);
      rows.push(`| ${name} | ${warm.creators.length} / ${warm.posts.length} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
      console.error(`[bench:search] ${name}: p95 ${percentile(times, 95).toFixed(1)} ms`);
    }
    console.log(`${counts!.posts.toLocaleString("en-US")} published posts, ${counts!.creators.toLocaleString("en-US")} creators; ${runs} runs of each search after one to warm up.\n`);
    console.log("| search | creators / posts found | p50 ms | p95 ms |\n|---|---:|---:|---:|");
    console.log(rows.join("\n"));
    console.log(`\n**All searches: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms** (${all.length} searches).`);
  } finally {
    await client.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
