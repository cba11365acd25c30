// A collection: the creator's ordered series, read start to end. Each post shows as the policy
// lets this viewer see it (a locked one with its teaser and the way in), in the creator's order.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { buttonClass } from "@/app/_components/button";
import { PostCard } from "@/app/_components/post-card";
import { caller } from "@/server/trpc/server";

type Props = { params: Promise<{ handle: string; slug: string }> };

const loadCollection = cache((handle: string, slug: string) => caller.post.collections.byAddress({ handle, slug }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle, slug } = await params;
  const found = await loadCollection(handle, slug);
  if (!found) return { title: "Not found" };
  const { collection, creator } = found;
  const description = collection.description.slice(0, 160) || `A collection of posts by ${creator.displayName} on Atelier, in reading order.`;
  const path = `/${creator.handle}/collections/${collection.slug}`;
  return {
    title: `${collection.title} · ${creator.displayName}`,
    description,
    openGraph: { title: collection.title, description, type: "website" },
    alternates: { canonical: path, types: { "application/rss+xml": `${path}/feed.xml` } },
  };
}

export default async function CollectionPage({ params }: Props) {
  const { handle, slug } = await params;
  const found = await loadCollection(handle, slug);
  if (!found) notFound();
  const { collection, creator, posts } = found;
  const first = posts[0];
  return (
    <main className="mx-auto max-w-3xl px-5 py-10">
      <Link href={`/${creator.handle}`} className="text-sm font-semibold text-accent-strong hover:underline">
        {creator.displayName}
      </Link>
      <p className="mt-4 text-sm font-medium uppercase tracking-wide text-muted">Collection · {posts.length} {posts.length === 1 ? "post" : "posts"}</p>
      <h1 className="mt-1 font-serif text-3xl font-bold sm:text-4xl">{collection.title}</h1>
      {collection.description && <p className="mt-3 whitespace-pre-line text-lg leading-relaxed text-muted">{collection.description}</p>}
      <div className="mt-6 flex flex-wrap items-center gap-3">
        {first && (
          <Link href={`/${creator.handle}/posts/${first.slug}`} className={buttonClass("primary")}>
            Start reading
          </Link>
        )}
        <a href={`/${creator.handle}/collections/${collection.slug}/feed.xml`} className="text-sm font-medium text-accent-strong underline">
          RSS feed of this collection
        </a>
      </div>
      <h2 className="sr-only">Posts in this collection</h2>
      {posts.length === 0 ? (
        <p className="mt-8 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">Nothing has been published in this collection yet.</p>
      ) : (
        <ol className="mt-8 space-y-4" aria-label={`Posts in ${collection.title}`}>
          {posts.map((post, index) => (
            <li key={post.id} className="flex gap-3">
              <span aria-hidden className="mt-5 w-6 shrink-0 text-right font-serif text-lg font-bold text-muted">
                {index + 1}
              </span>
              <div className="min-w-0 flex-1">
                <PostCard post={{ ...post, handle: creator.handle, displayName: undefined }} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
