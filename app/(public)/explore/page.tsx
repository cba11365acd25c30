import type { Metadata } from "next";
import { RecentPosts } from "@/app/_components/recent-posts";
import { loadFollowerViews } from "@/app/_lib/follower-views";
import { caller } from "@/server/trpc/server";

export const metadata: Metadata = {
  title: "Explore",
  description: "New writing, music and art from creators on Atelier.",
  alternates: { canonical: "/explore" },
};

export default async function ExplorePage() {
  const posts = await caller.post.read.recent();
  const follow = await loadFollowerViews(posts.map((post) => post.creatorId));
  return (
    <main className="mx-auto max-w-5xl px-5 py-10">
      <h1 className="text-2xl font-bold">Explore</h1>
      <p className="mt-1 text-muted">New writing, music and art from creators on Atelier.</p>
      <h2 className="sr-only">Latest posts</h2>
      <div className="mt-6">
        <RecentPosts posts={posts} follow={follow} returnTo="/explore" empty="Nothing published yet. Be the first: start a creator page and publish a post." />
      </div>
    </main>
  );
}
