"use client";
// Who follows the creator for free: how many, and their names, newest first, a page at a time.

import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

export function FollowersList() {
  const trpc = useTRPC();
  const followers = useInfiniteQuery(
    trpc.discovery.followers.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const total = followers.data?.pages[0]?.total ?? 0;
  const rows = followers.data?.pages.flatMap((page) => page.followers) ?? [];
  return (
    <section aria-labelledby="followers" className="mt-12">
      <h2 id="followers" className="text-lg font-semibold">
        Followers{followers.data && <span className="ml-2 text-base font-normal text-muted">{total.toLocaleString("en")}</span>}
      </h2>
      <p className="mt-1 text-sm text-muted">
        Fans who follow you for free see your new posts on their home page. Members follow you when they join.
      </p>
      {followers.isError && <FormError message={uiError(followers.error).message} />}
      {followers.isPending ? (
        <p className="mt-4 text-muted" role="status">
          Loading followers…
        </p>
      ) : rows.length === 0 ? (
        <p className="mt-4 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          No followers yet. Share your page: anyone signed in can follow it from your page, your posts and Explore.
        </p>
      ) : (
        <>
          <ul className="mt-4 divide-y divide-line rounded-2xl border border-line bg-card">
            {rows.map((follower, index) => (
              <li key={index} className="flex items-center justify-between gap-3 px-4 py-3 text-sm">
                <span className="font-medium">{follower.name ?? "A fan without a name"}</span>
                <span className="text-muted">
                  since <LocalTime date={follower.since} />
                </span>
              </li>
            ))}
          </ul>
          {followers.hasNextPage && (
            <Button variant="secondary" className="mt-4" disabled={followers.isFetchingNextPage} onClick={() => followers.fetchNextPage()}>
              {followers.isFetchingNextPage ? "Loading…" : "Show more followers"}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
