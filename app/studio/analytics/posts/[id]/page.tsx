import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { dayIn } from "@/server/services/analytics/dashboard";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../../../_lib/guards";
import { rangeChoice, type SearchParams } from "../../_components/choice";
import { PostStats } from "../../_components/post-stats";
import { RangePicker } from "../../_components/range-picker";

export const metadata = { title: "Post · Analytics" };

type Props = { params: Promise<{ id: string }>; searchParams: SearchParams };

export default async function PostAnalyticsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const creator = await requireCreatorPage(`/studio/analytics/posts/${id}`);
  const post = await caller.analytics.post({ postId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!post) notFound();
  const { choice } = await rangeChoice(searchParams, "all");
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-5 sm:py-10">
        <p className="text-sm">
          <Link href="/studio/analytics/posts" className="text-muted underline">
            ← All posts
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold">{post.post.title || "Untitled"}</h1>
        <p className="mt-1 text-sm text-muted">
          {post.post.publishedAt ? `Published ${dayIn(post.post.publishedAt, creator.timeZone)}` : "Not published"} ·{" "}
          <Link href={`/${post.post.handle}/posts/${post.post.slug}`} className="underline">
            View post
          </Link>{" "}
          ·{" "}
          <Link href={`/studio/posts/${post.post.id}`} className="underline">
            Edit
          </Link>
        </p>
        <div className="mt-4">
          <RangePicker value={choice} today={dayIn(new Date(), creator.timeZone)} />
        </div>
        <PostStats postId={post.post.id} choice={choice} />
      </main>
    </TRPCReactProvider>
  );
}
