import Link from "next/link";
import { LocalTime } from "./local-time";

export type PostCardData = {
  title: string;
  slug: string;
  excerpt: string;
  wordCount: number;
  publishedAt: Date | null;
  locked: boolean;
  handle: string;
  displayName?: string;
};

export function PostCard({ post }: { post: PostCardData }) {
  const minutes = Math.max(1, Math.round(post.wordCount / 230));
  return (
    <article className="rounded-2xl border border-line bg-card p-5 transition-shadow hover:shadow-sm">
      {post.displayName && (
        <Link href={`/${post.handle}`} className="text-sm font-medium text-accent-strong hover:underline">
          {post.displayName}
        </Link>
      )}
      <h3 className="mt-1 font-serif text-xl font-bold leading-snug">
        <Link href={`/${post.handle}/posts/${post.slug}`} className="hover:text-accent-strong">
          {post.locked && (
            <span aria-label="Members only" title="Members only" className="mr-1.5">
              🔒
            </span>
          )}
          {post.title}
        </Link>
      </h3>
      {post.excerpt ? (
        <p className="mt-2 line-clamp-3 text-muted">{post.excerpt}</p>
      ) : post.locked ? (
        <p className="mt-2 text-muted">For members of {post.displayName ?? `@${post.handle}`}.</p>
      ) : null}
      <p className="mt-3 text-xs text-faint">
        {post.publishedAt && <LocalTime date={post.publishedAt} />}
        {!post.locked && <> · {minutes} min read</>}
      </p>
    </article>
  );
}
