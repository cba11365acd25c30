import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { PagesNav } from "@/app/_components/pages-nav";
import { RecentPosts } from "@/app/_components/recent-posts";
import { loadFollowerViews } from "@/app/_lib/follower-views";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";

// Title and description are the site's own (the root layout's).
export const metadata: Metadata = { alternates: { canonical: "/" } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  const viewer = await getViewer();
  if (viewer) {
    const raw = (await searchParams).cursor;
    return <HomeFeed cursor={typeof raw === "string" && raw.length <= 400 ? raw : undefined} />;
  }
  const posts = await caller.post.read.recent();
  return (
    <main>
      <section className="mx-auto max-w-5xl px-5 pb-8 pt-16 sm:pt-24">
        <h1 className="max-w-2xl font-serif text-4xl font-bold leading-tight sm:text-5xl">
          A home for your work, and for the people who support it.
        </h1>
        <p className="mt-4 max-w-xl text-lg text-muted">
          Write in an editor that never loses a word, publish to fast public pages, and keep members-only work for members.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/login?mode=signup&callbackUrl=/studio" className={buttonClass("primary", "px-5 py-3 text-base")}>
            Start creating
          </Link>
          <Link href="/explore" className={buttonClass("secondary", "px-5 py-3 text-base")}>
            Explore creators
          </Link>
        </div>
      </section>
      <section className="mx-auto max-w-5xl px-5 py-8">
        <h2 className="text-lg font-semibold">Fresh from the studio</h2>
        <div className="mt-4">
          <RecentPosts posts={posts} empty="Nothing published yet." />
        </div>
      </section>
    </main>
  );
}

const FEED_PAGE = 20;

/** A signed-in fan's home: their creators' newest posts, then what else is new. */
async function HomeFeed({ cursor }: { cursor: string | undefined }) {
  const feed = await caller.discovery.homeFeed({ cursor, limit: FEED_PAGE }).catch((error: unknown) => {
    // An outdated or hand-edited "older posts" link starts over from the newest instead of failing.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST" && cursor) return caller.discovery.homeFeed({ limit: FEED_PAGE });
    throw error;
  });
  const follow = await loadFollowerViews(feed.discover.map((post) => post.creatorId));
  return (
    <main className="mx-auto max-w-5xl px-5 py-10">
      <h1 className="text-2xl font-bold">Your feed</h1>
      <p className="mt-1 text-muted">New posts from the creators you follow and belong to, newest first.</p>
      <h2 className="sr-only">Posts from your creators</h2>
      <div className="mt-6">
        {feed.followsAnyone ? (
          <RecentPosts posts={feed.posts} empty="The creators you follow have not published anything yet." />
        ) : (
          <div className="rounded-2xl border border-dashed border-line bg-card p-8 text-center">
            <p className="font-semibold">Your feed is empty for now.</p>
            <p className="mt-1 text-muted">Follow creators you like, for free, and their new posts appear here.</p>
            <Link href="/explore" className={buttonClass("primary", "mt-4")}>
              Find creators to follow
            </Link>
          </div>
        )}
      </div>
      <PagesNav newestHref="/" nextCursor={feed.nextCursor} onFirstPage={!cursor} />
      {feed.discover.length > 0 && (
        <section aria-labelledby="discover" className="mt-12 border-t border-line pt-8">
          <h2 id="discover" className="text-lg font-semibold">
            Discover
          </h2>
          <p className="mt-1 text-sm text-muted">New on Atelier, from creators you do not follow yet.</p>
          <div className="mt-4">
            <RecentPosts posts={feed.discover} follow={follow} empty="" />
          </div>
        </section>
      )}
    </main>
  );
}
