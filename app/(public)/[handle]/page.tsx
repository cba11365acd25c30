import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { buttonClass } from "@/app/_components/button";
import { FollowControl } from "@/app/_components/follow-control";
import { JoinLink } from "@/app/_components/join-link";
import { PostCard } from "@/app/_components/post-card";
import { CreatorLinks } from "@/app/_components/creator-links";
import { ReadBeacon } from "@/app/_components/read-beacon";
import { FansAlsoSupport, RecommendedCreators } from "@/app/_components/recommended-creators";
import { rejoinHref } from "@/app/_components/rejoin";
import { RichText } from "@/app/_components/rich-text";
import { mediaUrl } from "@/lib/document/media";
import { languageTag } from "@/lib/languages";
import { formatMoney } from "@/lib/money";
import { loadFollowerViews } from "@/app/_lib/follower-views";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { movedOrMissing } from "./_lib/moved-or-missing";

const loadCreator = cache((handle: string) => caller.creator.byHandle({ handle }));

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }): Promise<Metadata> {
  const creator = await loadCreator((await params).handle);
  if (!creator) return { title: "Not found" };
  const description = creator.tagline || creator.about.slice(0, 160) || `${creator.displayName} on Atelier: posts and membership tiers.`;
  return {
    title: creator.displayName,
    description,
    openGraph: {
      title: creator.displayName,
      description,
      type: "profile",
      // The banner (or the picture) is public whoever asks: the share card can show it.
      ...((creator.bannerMediaId ?? creator.avatarMediaId) ? { images: [mediaUrl((creator.bannerMediaId ?? creator.avatarMediaId)!, 1200)] } : {}),
    },
    // The handle as stored (lowercase): /Mara and /mara are one page.
    alternates: { canonical: `/${creator.handle}`, types: { "application/rss+xml": `/${creator.handle}/feed.xml` } },
  };
}

export default async function CreatorPage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const creator = await loadCreator(handle);
  if (!creator) return movedOrMissing(handle);
  const [posts, joinable, views, past, around, series, featured] = await Promise.all([
    caller.post.read.byCreator({ creatorId: creator.id, limit: 20 }),
    caller.membership.tiers.byHandle({ handle: creator.handle }),
    loadFollowerViews([creator.id]),
    // Signed out (as on the page anonymous readers share) nobody is a former member: no query.
    getViewer().then((viewer) => (viewer ? caller.membership.past() : [])),
    caller.discovery.shownWith({ creatorId: creator.id }),
    caller.post.collections.ofCreator({ creatorId: creator.id }),
    caller.post.read.featured({ creatorId: creator.id }),
  ]);
  const follow = views(creator.id);
  // A former member is offered their old tier back, as the page's first action.
  const lapsed = past.find((m) => m.creator.id === creator.id);
  const tiers = joinable?.tiers ?? [];
  const cheapest = tiers.reduce<(typeof tiers)[number] | null>((min, t) => (min === null || t.monthlyPrice < min.monthlyPrice ? t : min), null);
  return (
    // The language the creator writes in (Settings), for screen readers and translation.
    <main lang={languageTag(creator.language)} className="mx-auto max-w-3xl px-5 py-10">
      {/* The creator's own visits are not their readers'. */}
      {follow !== "own" && <ReadBeacon creatorId={creator.id} />}
      <header className="border-b border-line pb-8">
        {creator.bannerMediaId && (
          // Decorative: the page's name and words say who it is.
          <img src={mediaUrl(creator.bannerMediaId, 1600)} alt="" width={1600} height={533} className="mb-6 aspect-[3/1] w-full rounded-2xl object-cover" />
        )}
        {creator.avatarMediaId ? (
          <img src={mediaUrl(creator.avatarMediaId, 320)} alt="" width={64} height={64} className="h-16 w-16 rounded-full border border-line object-cover" />
        ) : (
          <div
            aria-hidden
            className="flex h-16 w-16 items-center justify-center rounded-full bg-accent-soft font-serif text-2xl font-bold text-accent-strong"
          >
            {creator.displayName.slice(0, 1).toUpperCase()}
          </div>
        )}
        <h1 className="mt-4 font-serif text-3xl font-bold sm:text-4xl">{creator.displayName}</h1>
        <p className="mt-1 text-sm text-faint">@{creator.handle}</p>
        {creator.tagline && <p className="mt-3 text-lg text-muted">{creator.tagline}</p>}
        {creator.about && <RichText source={creator.about} className="mt-4 leading-relaxed" />}
        <CreatorLinks links={creator.links} name={creator.displayName} />
        <div className="mt-6 flex flex-wrap items-center gap-3">
          {cheapest && (
            <JoinLink href={lapsed ? rejoinHref(lapsed) : `/${creator.handle}/join`} className={buttonClass("primary")}>
              {lapsed ? (lapsed.tier.rejoinable ? `Rejoin ${lapsed.tier.name}` : "Rejoin") : "Join"}
            </JoinLink>
          )}
          <FollowControl
            creatorId={creator.id}
            creatorName={creator.displayName}
            view={follow}
            returnTo={`/${creator.handle}`}
            secondary={cheapest !== null}
          />
          {cheapest && (
            <span className="text-sm text-muted">
              {tiers.length} {tiers.length === 1 ? "tier" : "tiers"}, from {formatMoney(cheapest.monthlyPrice, cheapest.currency, { freeLabel: "free" })}
            </span>
          )}
        </div>
      </header>
      {featured && (
        <section aria-labelledby="featured-heading" className="mt-8">
          <h2 id="featured-heading" className="text-lg font-semibold">
            Featured
          </h2>
          <div className="mt-4">
            <PostCard post={{ ...featured, handle: creator.handle, displayName: undefined }} />
          </div>
        </section>
      )}
      <section className="mt-8">
        <h2 className="text-lg font-semibold">Recent posts</h2>
        {posts.length === 0 ? (
          <p className="mt-4 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
            {creator.displayName} has not published anything yet.
          </p>
        ) : (
          <ul className="mt-4 space-y-4">
            {posts.map((post) => (
              <li key={post.id}>
                <PostCard post={{ ...post, handle: creator.handle, displayName: undefined }} />
              </li>
            ))}
          </ul>
        )}
        {posts.length === 20 && (
          <Link href={`/${creator.handle}/posts`} className="mt-6 inline-block font-medium text-accent-strong underline">
            All posts
          </Link>
        )}
      </section>
      {series.length > 0 && (
        <section aria-labelledby="collections-heading" className="mt-10">
          <h2 id="collections-heading" className="text-lg font-semibold">
            Collections
          </h2>
          <ul className="mt-4 grid gap-3 sm:grid-cols-2">
            {series.map((collection) => (
              <li key={collection.id}>
                <Link
                  href={`/${creator.handle}/collections/${collection.slug}`}
                  className="block h-full rounded-2xl border border-line bg-card p-4 hover:border-accent focus-visible:border-accent"
                >
                  <span className="block font-semibold">{collection.title}</span>
                  <span className="block text-sm text-muted">
                    {collection.posts} {collection.posts === 1 ? "post" : "posts"}
                  </span>
                  {collection.description && <span className="mt-2 line-clamp-2 block text-sm">{collection.description}</span>}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <RecommendedCreators by={creator.displayName} recommendations={around.recommendations} />
      <FansAlsoSupport creators={around.alsoSupport} />
    </main>
  );
}
