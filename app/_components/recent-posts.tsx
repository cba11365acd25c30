import { FollowControl, type FollowerView } from "./follow-control";
import { PostCard, type PostCardData } from "./post-card";

type Recent = PostCardData & { id: string; creatorId: string; displayName: string };

/**
 * Cards of posts by several creators. With `follow`, each card offers to follow its creator (as
 * this viewer sees them; signing in comes back to `returnTo`).
 */
export function RecentPosts({
  posts,
  empty,
  follow,
  returnTo = "/",
}: {
  posts: Recent[];
  empty: string;
  follow?: (creatorId: string) => FollowerView;
  returnTo?: string;
}) {
  if (posts.length === 0) {
    return <p className="rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">{empty}</p>;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {posts.map((post) => (
        <PostCard
          key={post.id}
          post={post}
          action={
            follow && (
              <FollowControl creatorId={post.creatorId} creatorName={post.displayName} view={follow(post.creatorId)} returnTo={returnTo} size="small" />
            )
          }
        />
      ))}
    </div>
  );
}
