import type { Metadata } from "next";
import Link from "next/link";
import { permanentRedirect } from "next/navigation";
import { cache } from "react";
import { followerViews } from "@/app/_components/follow-control";
import { ReadBeacon } from "@/app/_components/read-beacon";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { movedOrMissing } from "../../_lib/moved-or-missing";
import { Comments } from "./comments/comments";
import { CollectionNav } from "./collection-nav";
import { PostEnd } from "./post-end";
import { PostView } from "./post-view";

/** What the beacon watches to tell an engaged read. */
const POST_BODY_ID = "post-body";

type Params = { params: Promise<{ handle: string; slug: string }> };

const loadPost = cache((handle: string, slug: string) => caller.post.read.bySlug({ handle, slug }));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { handle, slug } = await params;
  const post = await loadPost(handle, slug);
  if (!post) return { title: "Not found" };
  // Everything here comes from the policy-filtered post: the teaser's words when the body is withheld.
  const description = post.excerpt || `A post by ${post.creator.displayName} on Atelier.`;
  return {
    title: post.title,
    description,
    alternates: { canonical: `/${post.creator.handle}/posts/${post.slug}` },
    openGraph: {
      title: post.title,
      description,
      // The cover, as lists show it (public even when the post is locked); else a drawn card.
      images: [
        post.coverMediaId
          ? { url: `/api/media/${post.coverMediaId}?w=1200`, alt: "" }
          : { url: `/${post.creator.handle}/posts/${post.slug}/card.png`, width: 1200, height: 630, alt: post.title },
      ],
      type: "article",
      publishedTime: post.publishedAt?.toISOString(),
      authors: [post.creator.displayName],
    },
    twitter: { card: "summary_large_image", title: post.title, description },
    robots: post.status === "published" ? undefined : { index: false },
  };
}

/** Article structured data; a locked post is marked as paywalled, as search engines ask. */
function jsonLd(post: NonNullable<Awaited<ReturnType<typeof loadPost>>>): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: post.title,
    description: post.excerpt || undefined,
    datePublished: post.publishedAt?.toISOString(),
    dateModified: post.updatedAt.toISOString(),
    author: { "@type": "Person", name: post.creator.displayName, url: `/${post.creator.handle}` },
    isAccessibleForFree: !post.locked,
    ...(post.locked ? { hasPart: { "@type": "WebPageElement", isAccessibleForFree: false, cssSelector: "[aria-label='Join to unlock']" } } : {}),
  };
  // "<" escaped so no text can close the script element.
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

export default async function PostPage({ params }: Params) {
  const { handle, slug } = await params;
  const post = await loadPost(handle, slug);
  if (!post) {
    const current = await caller.post.read.slugRedirect({ handle, slug });
    if (current) permanentRedirect(`/${handle.toLowerCase()}/posts/${current}`);
    // The post may be fine and only its creator renamed: the old handle moves to the new one.
    return movedOrMissing(handle, `/posts/${slug}`);
  }
  const [viewer, places] = await Promise.all([
    getViewer(),
    post.status === "published" ? caller.post.collections.places({ postId: post.id }) : Promise.resolve([]),
  ]);
  const follow = followerViews(viewer !== null, {
    following: post.creator.followedByViewer ? [post.creator.id] : [],
    ownCreatorId: viewer?.access?.creatorId ?? null,
  })(post.creator.id);
  return (
    <main className="mx-auto max-w-2xl px-5 py-10">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(post) }} />
      {post.status !== "published" && (
        <p className="mb-6 rounded-lg bg-warn/10 px-4 py-2 text-sm text-warn" role="note">
          Only you can see this {post.status}. <Link href={`/studio/posts/${post.id}`} className="underline">Edit it in the Studio</Link>
        </p>
      )}
      {post.status === "published" && follow !== "own" && <ReadBeacon creatorId={post.creator.id} postId={post.id} bodyId={POST_BODY_ID} />}
      <div id={POST_BODY_ID}>
        <PostView post={post} signedIn={viewer !== null} />
      </div>
      <CollectionNav handle={post.creator.handle} places={places} />
      <PostEnd post={post} follow={follow} />
      {post.status === "published" && (
        <Comments postId={post.id} loginHref={`/login?callbackUrl=${encodeURIComponent(`/${post.creator.handle}/posts/${post.slug}`)}`} />
      )}
    </main>
  );
}
