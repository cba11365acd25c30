import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { ChoiceSelect, filterControlClass } from "@/app/_components/choice-select";
import { CreatorCards } from "@/app/_components/creator-cards";
import { FollowControl } from "@/app/_components/follow-control";
import { LockIcon } from "@/app/_components/icons";
import { LocalTime } from "@/app/_components/local-time";
import { loadFollowerViews } from "@/app/_lib/follower-views";
import { POST_KIND_LABELS, POST_KINDS } from "@/lib/schemas/post-library";
import { SEARCH_PERIOD_LABELS, SEARCH_PERIODS, searchFromQuery, searchHref, type SearchRefinements } from "@/lib/schemas/search";
import { caller } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Search", robots: { index: false } };

const PAGE_SIZE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SearchPage({ searchParams }: Props) {
  const { q, cursor, ...refinements } = searchFromQuery(await searchParams);
  const asked = q.trim().length > 0;
  const run = (from?: string) => caller.post.search({ q, ...refinements, cursor: from, limit: PAGE_SIZE });
  const results = asked
    ? await run(cursor).catch((error: unknown) => {
        // An outdated or hand-edited "more results" link starts over from the first page instead of failing.
        if (error instanceof TRPCError && error.code === "BAD_REQUEST" && cursor) return run();
        throw error;
      })
    : null;
  const follow = await loadFollowerViews([...(results?.creators.map((creator) => creator.id) ?? []), ...(results?.posts.map((hit) => hit.creatorId) ?? [])]);
  const here = searchHref(q, refinements, cursor);
  const narrowed = Boolean(refinements.creator || refinements.kind || refinements.tag || refinements.since);
  const found = (results?.creators.length ?? 0) + (results?.posts.length ?? 0);

  return (
    <main className="mx-auto max-w-3xl px-5 py-10">
      <h1 className="font-serif text-3xl font-bold">Search</h1>
      <SearchForm q={q} refinements={refinements} />
      {!asked && (
        <p className="mt-8 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          Find creators by their name or handle, and posts by their words. A small typo is fine.
        </p>
      )}
      {results && (
        <section aria-live="polite" aria-label="Results" className="mt-8">
          {results.narrowedTo && (
            <p className="mb-4 text-sm text-muted">
              Posts by {results.narrowedTo.displayName} (@{results.narrowedTo.handle}) ·{" "}
              <Link href={searchHref(q, { ...refinements, creator: undefined })} className="font-medium text-accent-strong underline">
                All creators
              </Link>
            </p>
          )}
          {found === 0 ? (
            <div className="rounded-2xl border border-dashed border-line bg-card p-8 text-center">
              <p className="font-semibold">Nothing found for “{q}”{refinements.creator && !results.narrowedTo ? ` by @${refinements.creator}` : ""}.</p>
              <p className="mt-1 text-muted">
                {refinements.creator && !results.narrowedTo
                  ? `There is no creator @${refinements.creator}. `
                  : "Check the spelling, or try fewer or other words. "}
                {narrowed && (
                  <Link href={searchHref(q, { sort: refinements.sort })} className="font-medium text-accent-strong underline">
                    Search without filters
                  </Link>
                )}
              </p>
            </div>
          ) : (
            <>
              {results.creators.length > 0 && (
                <section aria-labelledby="creator-results" className="mt-2">
                  <h2 id="creator-results" className="text-lg font-semibold">
                    Creators
                  </h2>
                  <div className="mt-3">
                    <CreatorCards creators={results.creators} follow={follow} returnTo={here} empty="" />
                  </div>
                </section>
              )}
              <section aria-labelledby="post-results" className="mt-8">
                <h2 id="post-results" className="text-lg font-semibold">
                  Posts
                </h2>
                {results.correctedTo && (
                  <p className="mt-1 text-sm text-muted">
                    Including results for <span className="font-medium text-ink">“{results.correctedTo}”</span>
                  </p>
                )}
                {results.posts.length === 0 ? (
                  <p className="mt-3 text-muted">No posts match “{q}”{narrowed ? " with these filters" : ""}.</p>
                ) : (
                  <ul className="mt-3 space-y-4">
                    {results.posts.map((hit) => (
                      <li key={hit.id} className="rounded-2xl border border-line bg-card p-5">
                        <div className="flex items-center justify-between gap-3">
                          <Link href={`/${hit.handle}`} className="text-sm font-medium text-accent-strong hover:underline">
                            {hit.displayName}
                          </Link>
                          <FollowControl creatorId={hit.creatorId} creatorName={hit.displayName} view={follow(hit.creatorId)} returnTo={here} size="small" />
                        </div>
                        <h3 className="mt-1 font-serif text-xl font-bold">
                          <Link href={`/${hit.handle}/posts/${hit.slug}`} className="hover:text-accent-strong">
                            {hit.locked && <LockIcon role="img" aria-label="Members only" className="mr-1.5 inline-block text-[0.8em] text-muted" />}
                            {hit.title}
                          </Link>
                        </h3>
                        {hit.publishedAt && (
                          <p className="text-xs text-muted">
                            <LocalTime date={hit.publishedAt} />
                          </p>
                        )}
                        {hit.snippet && <p className="mt-2 text-muted">{hit.snippet}</p>}
                        {hit.locked && hit.joinTier && <p className="mt-2 text-sm text-accent-strong">Join {hit.joinTier.name} to unlock</p>}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              {(results.nextCursor || cursor) && (
                <nav aria-label="Pages of results" className="mt-6 flex justify-between gap-3">
                  {cursor ? (
                    <Link href={searchHref(q, refinements)} className={buttonClass("ghost")}>
                      ← First page
                    </Link>
                  ) : (
                    <span />
                  )}
                  {results.nextCursor && (
                    <Link href={searchHref(q, refinements, results.nextCursor)} rel="next" className={buttonClass("secondary")}>
                      More results →
                    </Link>
                  )}
                </nav>
              )}
            </>
          )}
        </section>
      )}
    </main>
  );
}

/** The words and the refinements: a plain GET form, so a search works before any script and can be linked. */
function SearchForm({ q, refinements }: { q: string; refinements: SearchRefinements }) {
  return (
    <form action="/search" role="search" aria-label="Search creators and posts" className="mt-6">
      <div className="flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          Search creators and posts
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Search creators and posts"
          className="block w-full rounded-lg border border-line bg-card px-3 py-2"
        />
        <button type="submit" className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong">
          Search
        </button>
      </div>
      <fieldset className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <legend className="sr-only">Refine the search</legend>
        <label className="block text-xs font-medium text-muted">
          <span className="mb-1 block">Sort by</span>
          <select name="sort" defaultValue={refinements.sort} className={filterControlClass}>
            <option value="relevance">Best match</option>
            <option value="newest">Newest</option>
          </select>
        </label>
        <ChoiceSelect
          label="Type"
          anyLabel="Any type"
          name="type"
          defaultValue={refinements.kind ?? ""}
          options={POST_KINDS.map((kind) => ({ value: kind, label: POST_KIND_LABELS[kind] }))}
        />
        <ChoiceSelect
          label="Published"
          anyLabel="Any time"
          name="since"
          defaultValue={refinements.since ?? ""}
          options={(Object.keys(SEARCH_PERIODS) as (keyof typeof SEARCH_PERIODS)[]).map((period) => ({ value: period, label: SEARCH_PERIOD_LABELS[period] }))}
        />
        <label className="block text-xs font-medium text-muted">
          <span className="mb-1 block">Creator</span>
          <input name="creator" defaultValue={refinements.creator ?? ""} placeholder="@handle" maxLength={64} className={filterControlClass} />
        </label>
        <label className="block text-xs font-medium text-muted">
          <span className="mb-1 block">Tag</span>
          <input name="tag" defaultValue={refinements.tag ?? ""} placeholder="any tag" maxLength={200} className={filterControlClass} />
        </label>
      </fieldset>
    </form>
  );
}
