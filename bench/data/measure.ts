// `tsx --conditions=react-server bench/data/measure.ts --app=<url> --database=<url> [--runs=5] [--pid=<server pid>]`:
// the pages the large dataset is for, measured against a running production server on a database
// made by `npm run bench:data`: one warm-up request, then `runs` sequential ones, median, each a
// checked 200. The studio pages are read as the studio creator, through a session row made here
// and removed at the end. With --pid, the server's resident memory around the members export.
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { CONNECTION_OPTIONS } from "@/db/client";
import { STUDIO_HANDLE } from "./load";

const SESSION_COOKIE = "authjs.session-token";
/** A word in nearly every generated post, and a title number found in one post only. */
const COMMON_WORD = "studio";
const ARCHIVE_PAGES = 25;

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

type Timed = { status: number; ms: number; bytes: number; body: string };

async function get(url: string, cookie?: string): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(600_000) });
  const body = await response.text();
  return { status: response.status, ms: performance.now() - started, bytes: Buffer.byteLength(body), body };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function residentMiB(pid: string | undefined): { rss: number; peak: number } | null {
  if (!pid) return null;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: Math.round(kib("VmRSS") / 1024), peak: Math.round(kib("VmHWM") / 1024) };
}

export type PageTiming = {
  name: string;
  /** Null when the page does not exist in this version of the app, or did not answer 200. */
  medianMs: number | null;
  minMs?: number;
  maxMs?: number;
  bytes?: number;
  note?: string;
};

/**
 * Every page of the large dataset, timed against the server at `app` (reading `database` to find
 * its addresses and to sign the studio creator in): one warm-up request, then `runs` sequential
 * ones. With `pid`, the server's memory around the members export.
 */
export async function measureDatasetPages(options: { app: string; database: string; runs?: number; pid?: string }): Promise<PageTiming[]> {
  const { app, database, runs = 5, pid } = options;
  const sql = postgres(database, { ...CONNECTION_OPTIONS, max: 1 });
  const token = `measure-${randomUUID()}`;
  try {
    const [studio] = await sql<{ id: string; user_id: string }[]>`select id, user_id from creators where handle = ${STUDIO_HANDLE}`;
    if (!studio) throw new Error(`No ${STUDIO_HANDLE} in this database: make it with npm run bench:data.`);
    const [post] = await sql<{ path: string; title: string }[]>`
      select '/' || c.handle || '/posts/' || p.slug as path, p.title from posts p join creators c on c.id = p.creator_id
      where p.status = 'published' and p.deleted_at is null and p.access = 'public' and c.id <> ${studio.id}
      order by p.published_at desc limit 1`;
    await sql`insert into sessions (session_token, user_id, expires) values (${token}, ${studio.user_id}, now() + interval '1 day')`;
    const cookie = `${SESSION_COOKIE}=${token}`;
    const rareWord = /(\d+)$/.exec(post!.title)?.[1] ?? "zzzz";

    // The archive's 26th page: 25 "older posts" links followed from the first.
    let archive: string | null = `/${STUDIO_HANDLE}/posts`;
    for (let page = 0; page < ARCHIVE_PAGES && archive; page++) {
      const { status, body } = await get(`${app}${archive}`);
      const next = /<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(body);
      archive = status === 200 && next ? (next[1] ?? next[2]!).replaceAll("&amp;", "&") : null;
    }
    const index = await get(`${app}/sitemap.xml`);
    const postsFile = /<sitemapindex/.test(index.body) ? /<loc>[^<]*?(\/sitemap\/posts-[^<]+)<\/loc>/.exec(index.body)?.[1] : undefined;

    const members = encodeURIComponent(JSON.stringify({ json: { search: "" } }));
    const pages: Array<[string, string | null, string?]> = [
      ["post page", post!.path],
      ["creator page (10k posts, 100k members)", `/${STUDIO_HANDLE}`],
      ["archive, 500 posts deep", archive],
      ["home", "/"],
      ["explore", "/explore"],
      [`search, common word (${COMMON_WORD})`, `/search?q=${COMMON_WORD}`],
      [`search, rare word (${rareWord})`, `/search?q=${rareWord}`],
      ["feed", `/${STUDIO_HANDLE}/feed.xml`],
      ["sitemap.xml", "/sitemap.xml"],
      ["a sitemap file of posts", postsFile ?? null],
      ["studio posts library", "/studio/posts", cookie],
      ["members list (tRPC)", `/api/trpc/membership.members?input=${members}`, cookie],
      ["members CSV export", "/studio/audience/export", cookie],
    ];
    const timings: PageTiming[] = [];
    for (const [name, path, withCookie] of pages) {
      if (!path) {
        timings.push({ name, medianMs: null, note: "no such page" });
        continue;
      }
      const before = name.startsWith("members CSV") ? residentMiB(pid) : null;
      const warm = await get(`${app}${path}`, withCookie);
      if (warm.status !== 200) {
        timings.push({ name, medianMs: null, note: `answered ${warm.status}` });
        continue;
      }
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const timed = await get(`${app}${path}`, withCookie);
        if (timed.status !== 200) throw new Error(`${path} answered ${timed.status}.`);
        times.push(timed.ms);
      }
      const after = before ? residentMiB(pid) : null;
      timings.push({
        name,
        medianMs: median(times),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        bytes: warm.bytes,
        note: before && after ? `server RSS ${before.rss} → ${after.rss} MiB, peak ${after.peak} MiB` : undefined,
      });
    }
    return timings;
  } finally {
    await sql`delete from sessions where session_token = ${token}`;
    await sql.end({ timeout: 5 });
  }
}

function markdown(timings: PageTiming[]): string {
  const rows = timings.map((t) =>
    t.medianMs === null
      ? `| ${t.name} | n/a (${t.note}) | | |`
      : `| ${t.name}${t.note ? ` (${t.note})` : ""} | ${t.medianMs.toFixed(0)} | ${t.minMs!.toFixed(0)}–${t.maxMs!.toFixed(0)} | ${t.bytes!.toLocaleString("en-US")} |`,
  );
  return ["| page | median ms | min–max ms | bytes |", "|---|---:|---:|---:|", ...rows].join("\n");
}

// Run as a script (not when the bench imports it).
if (import.meta.url === `file://${process.argv[1]}`) {
  const app = flag("app");
  const database = flag("database");
  if (!app || !database) throw new Error("Give --app=<server url> and --database=<dataset url>.");
  measureDatasetPages({ app, database, runs: Number(flag("runs") ?? 5), pid: flag("pid") })
    .then((timings) => console.log(markdown(timings)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
