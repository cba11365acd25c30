import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { buttonClass } from "@/app/_components/button";
import { CreatorCards } from "@/app/_components/creator-cards";
import { PagesNav } from "@/app/_components/pages-nav";
import { RecentPosts } from "@/app/_components/recent-posts";
import { loadFollowerViews } from "@/app/_lib/follower-views";
import { categoryLabel } from "@/lib/creator-categories";
import { caller } from "@/server/trpc/server";
import { CategoryLinks } from "../category-links";
import { ExploreSection } from "../explore-section";

type Props = { params: Promise<{ category: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

const loadCategory = cache((category: string, cursor: string | undefined) => caller.discovery.exploreCategory({ category, cursor }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { category } = await params;
  const label = categoryLabel(category);
  if (!label) return { title: "Not found" };
  return {
    title: `${label} — Explore`,
    description: `Creators on Atelier whose pages are about ${label.toLowerCase()}, and their newest posts.`,
    alternates: { canonical: `/explore/${category}` },
  };
}

export default async function ExploreCategoryPage({ params, searchParams }: Props) {
  const { category } = await params;
  // The shared version has no query; a later page of creators is rendered per request.
  const raw = searchParams ? (await searchParams).cursor : undefined;
  const cursor = typeof raw === "string" && raw.length <= 400 ? raw : undefined;
  const page = await loadCategory(category, cursor).catch((error: unknown) => {
    // An outdated or hand-edited "more pages" link starts over from the newest instead of failing.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST" && cursor) return loadCategory(category, undefined);
    throw error;
  });
  if (!page) notFound();
  const { label, slug } = page.category;
  const returnTo = `/explore/${slug}`;
  const follow = await loadFollowerViews([...page.creators.map((creator) => creator.id), ...page.posts.map((post) => post.creatorId)]);
  return (
    <main className="mx-auto max-w-5xl px-5 py-10">
      <p className="text-sm">
        <Link href="/explore" className="text-muted hover:text-ink">
          ← Explore
        </Link>
      </p>
      <h1 className="mt-2 font-serif text-3xl font-bold">{label}</h1>
      <p className="mt-1 text-muted">Pages whose creators put them under {label.toLowerCase()}.</p>
      <div className="mt-6">
        <CategoryLinks current={slug} />
      </div>
      {page.creators.length === 0 && !cursor ? (
        <div className="mt-10 rounded-2xl border border-dashed border-line bg-card p-8 text-center">
          <p className="font-semibold">No page is listed under {label.toLowerCase()} yet.</p>
          <p className="mt-1 text-muted">Creators choose their page’s category in Studio → Settings. Yours could be the first here.</p>
          <div className="mt-4 flex flex-wrap justify-center gap-3">
            <Link href="/studio/settings" className={buttonClass("primary")}>
              Choose your category
            </Link>
            <Link href="/explore" className={buttonClass("secondary")}>
              Explore everything
            </Link>
          </div>
        </div>
      ) : (
        <>
          {!cursor && (
            <ExploreSection id="new-posts" title="New posts" hint={`The latest posts from ${label.toLowerCase()} pages, newest first.`}>
              <RecentPosts posts={page.posts} follow={follow} returnTo={returnTo} empty="These creators have not published anything yet." />
            </ExploreSection>
          )}
          <ExploreSection id="creators" title="Creators" hint="The newest pages first.">
            <CreatorCards creators={page.creators} follow={follow} returnTo={returnTo} showCategory={false} empty="No more pages here." />
            <PagesNav newestHref={returnTo} nextCursor={page.nextCursor} onFirstPage={!cursor} labels={{ newest: "Newest pages", older: "More pages" }} />
          </ExploreSection>
        </>
      )}
    </main>
  );
}
