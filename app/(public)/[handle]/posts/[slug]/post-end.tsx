// Where every post ends, free ones too: who wrote it, and the ways to hear more from them (follow,
// for free) and to support them (join, when they have tiers).
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { FollowControl, type FollowerView } from "@/app/_components/follow-control";
import type { ReadablePost } from "@/server/services/posts/reads";

export function PostEnd({ post, follow }: { post: ReadablePost; follow: FollowerView }) {
  const { creator } = post;
  if (follow === "own") return null;
  const postPath = `/${creator.handle}/posts/${post.slug}`;
  return (
    <aside aria-label={`More from ${creator.displayName}`} className="mt-12 rounded-2xl border border-line bg-card p-6">
      <p className="font-semibold">
        Written by{" "}
        <Link href={`/${creator.handle}`} className="text-accent-strong hover:underline">
          {creator.displayName}
        </Link>
      </p>
      <p className="mt-1 text-sm text-muted">
        {follow === "following"
          ? `You follow ${creator.displayName}: their new posts are on your home page.`
          : `Follow to see ${creator.displayName}'s new posts on your home page. It is free.`}
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <FollowControl creatorId={creator.id} creatorName={creator.displayName} view={follow} returnTo={postPath} />
        {creator.joinable && (
          <Link href={`/${creator.handle}/join?next=${encodeURIComponent(postPath)}`} className={buttonClass("secondary")}>
            See membership tiers
          </Link>
        )}
      </div>
    </aside>
  );
}
