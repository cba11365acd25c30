// The creator's preview: the current text (pending changes, for a published post) rendered on
// the server exactly as the public post page renders it, plus what non-members would see.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { LocalTime } from "@/app/_components/local-time";
import { readingMinutes } from "@/lib/document/text";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../../../_lib/guards";

export const metadata: Metadata = { title: "Preview", robots: { index: false } };

type Params = { params: Promise<{ id: string }>; searchParams: Promise<{ as?: string }> };

export default async function PreviewPostPage({ params, searchParams }: Params) {
  const { id } = await params;
  const { as } = await searchParams;
  await requireCreatorPage(`/studio/posts/${id}/preview`);
  const post = await caller.post.preview({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!post) notFound();
  const asVisitor = as === "visitor" && post.access !== "public";
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1 font-medium ${active ? "bg-ink text-paper" : "text-muted hover:bg-line/60"}`;

  return (
    <>
      <div className="border-b border-line bg-accent-soft px-5 py-3 text-sm" role="note">
        <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-3">
          <span>
            <strong>Preview</strong> of the last saved text
            {post.status === "published" ? (post.hasPendingChanges ? ", with your unpublished changes" : "") : ` (${post.status})`}. Only you can
            see this page.
          </span>
          <span className="flex items-center gap-2">
            {post.access !== "public" && (
              <span className="flex gap-1" aria-label="Preview as">
                <Link href={`/studio/posts/${post.id}/preview`} className={tab(!asVisitor)} aria-current={!asVisitor ? "page" : undefined}>
                  Member
                </Link>
                <Link
                  href={`/studio/posts/${post.id}/preview?as=visitor`}
                  className={tab(asVisitor)}
                  aria-current={asVisitor ? "page" : undefined}
                >
                  Non-member
                </Link>
              </span>
            )}
            <Link href={`/studio/posts/${post.id}`} className="font-semibold text-accent-strong underline">
              Back to the editor
            </Link>
          </span>
        </div>
      </div>
      <main className="mx-auto max-w-2xl px-5 py-10">
        <article>
          <header>
            <p className="text-sm font-semibold text-accent-strong">{post.creator.displayName}</p>
            <h1 className="mt-2 font-serif text-3xl font-bold leading-tight sm:text-4xl">{post.title || "Untitled"}</h1>
            <p className="mt-3 text-sm text-faint">
              {post.publishedAt ? (
                  <LocalTime date={post.publishedAt} />
              ) : (
                "Not published yet"
              )}
              {!asVisitor && post.wordCount > 0 && <> · {readingMinutes(post.wordCount)} min read</>}
            </p>
          </header>
          {asVisitor ? (
            <>
              {/* Rendered on the server from the validated document (or escaped preview text). */}
              <div className="prose-post mt-8" dangerouslySetInnerHTML={{ __html: post.teaserHtml }} />
              <p className="mt-8 rounded-2xl border border-line bg-card p-6 text-center text-muted">
                The rest of this post is for members.
              </p>
            </>
          ) : (
            // Rendered on the server from the validated document, as the public page is.
            <div className="prose-post mt-8" dangerouslySetInnerHTML={{ __html: post.html }} />
          )}
        </article>
      </main>
    </>
  );
}
