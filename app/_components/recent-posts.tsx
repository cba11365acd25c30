import { PostCard, type PostCardData } from "./post-card";

type Recent = PostCardData & { id: string; displayName: string };

export function RecentPosts({ posts, empty }: { posts: Recent[]; empty: string }) {
  if (posts.length === 0) {
    return <p className="rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">{empty}</p>;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {posts.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
    </div>
  );
}
