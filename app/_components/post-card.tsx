import Link from "next/link";
import type { ReactNode } from "react";
import { readingMinutes } from "@/lib/document/text";
import { LockIcon } from "./icons";
import { LocalTime } from "./local-time";

export type PostCardData = {
  title: string;
  slug: string;
  /** Already filtered by the access policy: the teaser's text when the post is locked. */
  excerpt: string;
  wordCount: number;
  publishedAt: Date | null;
  locked: boolean;
  handle: string;
  displayName?: string;
  coverMediaId?: string | null;
  joinTier?: { id: string; name: string } | null;
  /** How many liked it and how many comments it has (public lists count them). */
  likes?: number;
  comments?: number;
};

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

export function joinHref(handle: string, slug: string, tierId?: string): string {
  const params = new URLSearchParams();
  if (tierId) params.set("tier", tierId);
  params.set("next", `/${handle}/posts/${slug}`);
  return `/${handle}/join?${params}`;
}

/** `action`: what the card offers beside the creator's name (following them). */
export function PostCard({ post, action }: { post: PostCardData; action?: ReactNode }) {
  return (
    <article className="overflow-hidden rounded-2xl border border-line bg-card transition-shadow hover:shadow-sm">
      {post.coverMediaId && (
        // Served through the access-checked media route: a listed post's cover is public even when
        // the post is locked, since lists show "title, teaser, cover, a lock".
        <img
          src={`/api/media/${post.coverMediaId}?w=960`}
          alt=""
          loading="lazy"
          decoding="async"
          className="aspect-[2/1] w-full object-cover"
        />
      )}
      <div className="p-5">
        {post.displayName && (
          <div className="flex items-center justify-between gap-3">
            <Link href={`/${post.handle}`} className="text-sm font-medium text-accent-strong hover:underline">
              {post.displayName}
            </Link>
            {action}
          </div>
        )}
        <h3 className="mt-1 font-serif text-xl font-bold leading-snug">
          <Link href={`/${post.handle}/posts/${post.slug}`} className="hover:text-accent-strong">
            {post.locked && (
              <LockIcon role="img" aria-label="Members only" className="mr-1.5 inline-block align-[-0.1em] text-[0.8em] text-muted" />
            )}
            {post.title}
          </Link>
        </h3>
        {post.excerpt && <p className="mt-2 line-clamp-3 text-muted">{post.excerpt}</p>}
        {post.locked && (
          <p className="mt-3 text-sm">
            <Link href={joinHref(post.handle, post.slug, post.joinTier?.id)} className="font-semibold text-accent-strong hover:underline">
              {post.joinTier ? `Join ${post.joinTier.name} to unlock` : `For members of ${post.displayName ?? `@${post.handle}`}`}
            </Link>
          </p>
        )}
        <p className="mt-3 text-xs text-faint">
          {post.publishedAt && <LocalTime date={post.publishedAt} />}
          {!post.locked && post.wordCount > 0 && <> · {readingMinutes(post.wordCount)} min read</>}
          {!!post.likes && <> · {plural(post.likes, "like", "likes")}</>}
          {!!post.comments && <> · {plural(post.comments, "comment", "comments")}</>}
        </p>
      </div>
    </article>
  );
}
