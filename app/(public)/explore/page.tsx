import type { Metadata } from "next";
import Link from "next/link";
import { CreatorCards } from "@/app/_components/creator-cards";
import { RecentPosts } from "@/app/_components/recent-posts";
import { loadFollowerViews } from "@/app/_lib/follower-views";
import { caller } from "@/server/trpc/server";
import { CategoryLinks } from "./category-links";
import { ExploreSection } from "./explore-section";

export const metadata: Metadata = {
  title: "Explore",
  description: "New writing, music and art from creators on Atelier: what is new, what readers are into this week, and pages on the rise.",
  alternates: { canonical: "/explore" },
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export default async function ExplorePage() {
  const explore = await caller.discovery.explore();
  const follow = await loadFollowerViews([
    ...explore.newPosts.map((post) => post.creatorId),
    ...explore.trending.map((post) => post.creatorId),
    ...explore.rising.map((creator) => creator.id),
  ]);
  return (
    <main className="mx-auto max-w-5xl px-5 py-10">
      <h1 className="font-serif text-3xl font-bold">Explore</h1>
      <p className="mt-1 text-muted">New writing, music and art from creators on Atelier.</p>
      <div id="categories" className="mt-6">
        <h2 className="sr-only">Categories</h2>
        <CategoryLinks />
      </div>
      <ExploreSection id="new" title="New" hint="The latest posts, newest first.">
        <RecentPosts
          posts={explore.newPosts}
          follow={follow}
          returnTo="/explore"
          empty="Nothing published yet. Be the first: start a creator page and publish a post."
        />
      </ExploreSection>
      <ExploreSection id="trending" title="Trending" hint="This week’s posts that readers read, liked and discussed most; a newer post needs less to get here.">
        <RecentPosts
          posts={explore.trending}
          follow={follow}
          returnTo="/explore"
          empty="Nothing is trending yet. Posts appear here in their first week, as readers read, like and comment on them."
        />
      </ExploreSection>
      <ExploreSection id="rising" title="Rising" hint="Smaller pages that gained the most followers and members in the last two weeks.">
        <CreatorCards
          creators={explore.rising}
          follow={follow}
          returnTo="/explore"
          note={(creator) =>
            [creator.newFollowers > 0 && `+${plural(creator.newFollowers, "follower", "followers")}`, creator.newMembers > 0 && `+${plural(creator.newMembers, "member", "members")}`]
              .filter(Boolean)
              .join(" · ") + " in two weeks"
          }
          empty={
            <>
              No smaller page has gained followers in the last two weeks. Follow the creators you like: it helps them rise here. Or{" "}
              <Link href="#categories" className="underline">
                browse by category
              </Link>
              .
            </>
          }
        />
      </ExploreSection>
    </main>
  );
}
