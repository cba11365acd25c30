import type { Metadata } from "next";
import Link from "next/link";
import { FollowControl } from "@/app/_components/follow-control";
import { LockIcon } from "@/app/_components/icons";
import { loadFollowerViews } from "@/app/_lib/follower-views";
import { caller } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Search", robots: { index: false } };

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).q;
  const q = (typeof raw === "string" ? raw : "").slice(0, 200);
  const hits = q.trim() ? await caller.post.search({ q }) : [];
  const follow = await loadFollowerViews(hits.map((hit) => hit.creatorId));
  const returnTo = `/search?q=${encodeURIComponent(q)}`;
  return (
    <main className="mx-auto max-w-3xl px-5 py-10">
      <h1 className="font-serif text-3xl font-bold">Search</h1>
      <form action="/search" role="search" className="mt-6 flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          Search posts
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Search posts"
          className="block w-full rounded-lg border border-line bg-card px-3 py-2"
        />
        <button type="submit" className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong">
          Search
        </button>
      </form>
      {q.trim() && (
        <section aria-live="polite" className="mt-8">
          <p className="text-sm text-muted">
            {hits.length === 0 ? `Nothing found for “${q}”.` : `${hits.length} ${hits.length === 1 ? "result" : "results"} for “${q}”`}
          </p>
          <ul className="mt-4 space-y-4">
            {hits.map((hit) => (
              <li key={hit.id} className="rounded-2xl border border-line bg-card p-5">
                <div className="flex items-center justify-between gap-3">
                  <Link href={`/${hit.handle}`} className="text-sm font-medium text-accent-strong hover:underline">
                    {hit.displayName}
                  </Link>
                  <FollowControl creatorId={hit.creatorId} creatorName={hit.displayName} view={follow(hit.creatorId)} returnTo={returnTo} size="small" />
                </div>
                <h2 className="mt-1 font-serif text-xl font-bold">
                  <Link href={`/${hit.handle}/posts/${hit.slug}`} className="hover:text-accent-strong">
                    {hit.locked && <LockIcon role="img" aria-label="Members only" className="mr-1.5 inline-block text-[0.8em] text-muted" />}
                    {hit.title}
                  </Link>
                </h2>
                {hit.snippet && <p className="mt-2 text-muted">{hit.snippet}</p>}
                {hit.locked && hit.joinTier && <p className="mt-2 text-sm text-accent-strong">Join {hit.joinTier.name} to unlock</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
