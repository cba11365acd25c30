import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { buttonClass } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import { caller } from "@/server/trpc/server";

type Params = { params: Promise<{ handle: string; slug: string }> };

const loadPost = cache((handle: string, slug: string) => caller.post.bySlug({ handle, slug }));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { handle, slug } = await params;
  const post = await loadPost(handle, slug);
  if (!post) return { title: "Not found" };
  // The description comes from the policy-filtered post: empty when the body is withheld.
  const description = post.excerpt || `A post by ${post.creator.displayName} on Atelier.`;
  return {
    title: post.title,
    description,
    alternates: { canonical: `/${post.creator.handle}/posts/${post.slug}` },
    openGraph: {
      title: post.title,
      description,
      type: "article",
      publishedTime: post.publishedAt?.toISOString(),
      authors: [post.creator.displayName],
    },
    twitter: { card: "summary", title: post.title, description },
    robots: post.status === "published" ? undefined : { index: false },
  };
}

export default async function PostPage({ params }: Params) {
  const { handle, slug } = await params;
  const post = await loadPost(handle, slug);
  if (!post) notFound();
  const minutes = Math.max(1, Math.round(post.wordCount / 230));
  return (
    <main className="mx-auto max-w-2xl px-5 py-10">
      {post.status !== "published" && (
        <p className="mb-6 rounded-lg bg-warn/10 px-4 py-2 text-sm text-warn" role="note">
          Only you can see this {post.status}. <Link href={`/studio/posts/${post.id}`} className="underline">Edit it in the Studio</Link>
        </p>
      )}
      <article>
        <header>
          <Link href={`/${post.creator.handle}`} className="text-sm font-semibold text-accent-strong hover:underline">
            {post.creator.displayName}
          </Link>
          <h1 className="mt-2 font-serif text-3xl font-bold leading-tight sm:text-4xl">{post.title}</h1>
          <p className="mt-3 text-sm text-faint">
            {post.publishedAt && <LocalTime date={post.publishedAt} />}
            {post.html !== null && <> · {minutes} min read</>}
          </p>
        </header>
        {post.html !== null ? (
          // The HTML was rendered on the server from a validated document and sanitized at save time.
          <div className="prose-post mt-8" dangerouslySetInnerHTML={{ __html: post.html }} />
        ) : (
          <div className="mt-8 rounded-2xl border border-line bg-card p-8 text-center">
            <p className="text-2xl" aria-hidden>
              🔒
            </p>
            <p className="mt-2 font-semibold">This post is for members of {post.creator.displayName}.</p>
            <p className="mt-1 text-muted">Memberships open soon. Follow the page to hear about it first.</p>
            <Link href={`/${post.creator.handle}`} className={buttonClass("primary", "mt-5")}>
              Visit {post.creator.displayName}
            </Link>
          </div>
        )}
      </article>
    </main>
  );
}
