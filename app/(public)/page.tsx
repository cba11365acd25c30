import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { RecentPosts } from "@/app/_components/recent-posts";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";

// Title and description are the site's own (the root layout's).
export const metadata: Metadata = { alternates: { canonical: "/" } };

export default async function HomePage() {
  const [viewer, posts] = await Promise.all([getViewer(), caller.post.read.recent()]);
  if (viewer) {
    return (
      <main className="mx-auto max-w-5xl px-5 py-10">
        <h1 className="text-2xl font-bold">Your feed</h1>
        <p className="mt-1 text-muted">The newest posts from creators on Atelier.</p>
        <h2 className="sr-only">Latest posts</h2>
        <div className="mt-6">
          <RecentPosts posts={posts} empty="Nothing published yet. Check back soon, or write the first post yourself in the Studio." />
        </div>
      </main>
    );
  }
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
          <Link href="/login?mode=signup" className={buttonClass("primary", "px-5 py-3 text-base")}>
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
