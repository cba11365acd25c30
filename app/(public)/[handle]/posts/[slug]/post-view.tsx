// A post as one viewer gets it: the body when the policy grants it, otherwise the teaser and the
// join prompt. Shared by the public page and the studio's "View as", so the preview is the page.
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { LockIcon } from "@/app/_components/icons";
import { LocalTime } from "@/app/_components/local-time";
import { readingMinutes } from "@/lib/document/text";
import type { ReadablePost } from "@/server/services/posts/reads";

export function PostView({ post, signedIn, preview = false }: { post: ReadablePost; signedIn: boolean; preview?: boolean }) {
  const postPath = `/${post.creator.handle}/posts/${post.slug}`;
  const joinHref = post.joinTier
    ? `/${post.creator.handle}/join?tier=${encodeURIComponent(post.joinTier.id)}&next=${encodeURIComponent(postPath)}`
    : `/${post.creator.handle}/join?next=${encodeURIComponent(postPath)}`;
  return (
    <article>
      <header>
        <Link href={`/${post.creator.handle}`} className="text-sm font-semibold text-accent-strong hover:underline">
          {post.creator.displayName}
        </Link>
        <h1 className="mt-2 font-serif text-3xl font-bold leading-tight sm:text-4xl">
          {post.locked && <LockIcon role="img" aria-label="Locked" className="mr-2 inline-block align-[-0.05em] text-[0.7em] text-muted" />}
          {post.title}
        </h1>
        <p className="mt-3 text-sm text-faint">
          {post.publishedAt && <LocalTime date={post.publishedAt} />}
          {post.html !== null && <> · {readingMinutes(post.wordCount)} min read</>}
        </p>
      </header>
      {post.html !== null ? (
        // The HTML was rendered on the server from a validated document and sanitized at save time.
        <div className="prose-post mt-8" dangerouslySetInnerHTML={{ __html: post.html }} />
      ) : (
        <>
          {post.teaserHtml && <div className="prose-post mt-8" dangerouslySetInnerHTML={{ __html: post.teaserHtml }} />}
          <section aria-label="Join to unlock" className="mt-8 rounded-2xl border border-line bg-card p-8 text-center">
            <LockIcon aria-hidden className="mx-auto text-3xl text-accent" />
            {post.joinTier ? (
              <p className="mt-2 font-semibold">
                Join {post.joinTier.name} to unlock
                {post.joinTier.monthlyPrice > 0 ? ` (${post.joinTier.priceLabel} / month)` : ""}
              </p>
            ) : (
              <p className="mt-2 font-semibold">This post is for selected members of {post.creator.displayName}.</p>
            )}
            {post.publicAt && (
              <p className="mt-1 text-muted">
                Members read it first; it opens to everyone on <LocalTime date={post.publicAt} />.
              </p>
            )}
            {preview ? (
              <p className="mt-4 text-sm text-muted">The join button appears here.</p>
            ) : (
              <>
                <Link href={joinHref} className={buttonClass("primary", "mt-5")}>
                  {post.joinTier ? `Join ${post.joinTier.name}` : `See ${post.creator.displayName}'s tiers`}
                </Link>
                {!signedIn && (
                  <p className="mt-3 text-sm text-muted">
                    Already a member?{" "}
                    <Link href={`/login?callbackUrl=${encodeURIComponent(postPath)}`} className="underline">
                      Sign in
                    </Link>
                  </p>
                )}
              </>
            )}
          </section>
        </>
      )}
    </article>
  );
}
