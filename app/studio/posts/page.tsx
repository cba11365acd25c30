import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { caller } from "@/server/trpc/server";
import { LocalTime } from "@/app/_components/local-time";
import { requireCreatorPage } from "../_lib/guards";

export const metadata = { title: "Posts" };

const STATUS_STYLE: Record<string, string> = {
  draft: "bg-line text-muted",
  scheduled: "bg-warn/10 text-warn",
  published: "bg-ok/10 text-ok",
  archived: "bg-line text-faint",
};

export default async function PostsPage() {
  const creator = await requireCreatorPage("/studio/posts");
  const posts = await caller.post.list();
  return (
    <main className="mx-auto max-w-4xl px-5 py-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Posts</h1>
        <Link href="/studio/posts/new" className={buttonClass("primary")}>
          New post
        </Link>
      </div>
      {posts.length === 0 ? (
        <div className="mt-8 rounded-2xl border border-dashed border-line bg-card p-10 text-center">
          <p className="text-lg font-semibold">Write your first post</p>
          <p className="mx-auto mt-2 max-w-md text-muted">
            Start with a short hello: who you are and what people will find here. Drafts stay private until you publish.
          </p>
          <Link href="/studio/posts/new" className={buttonClass("primary", "mt-6")}>
            Start writing
          </Link>
        </div>
      ) : (
        <ul className="mt-8 divide-y divide-line overflow-hidden rounded-2xl border border-line bg-card">
          {posts.map((post) => (
            <li key={post.id} className="flex flex-col gap-2 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link href={`/studio/posts/${post.id}`} className="block truncate font-semibold hover:text-accent-strong">
                  {post.title || "Untitled"}
                </Link>
                <p className="mt-0.5 text-sm text-muted">
                  {post.status === "published" && post.publishedAt ? (
                    <>
                      Published <LocalTime date={post.publishedAt} />
                    </>
                  ) : (
                    <>
                      Edited <LocalTime date={post.updatedAt} />
                    </>
                  )}
                  {" · "}
                  {post.wordCount.toLocaleString("en")} words
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-3">
                <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLE[post.status]}`}>
                  {post.status}
                </span>
                {post.status === "published" && (
                  <a href={`/${creator.handle}/posts/${post.slug}`} className="text-sm text-muted hover:text-ink">
                    View
                  </a>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
