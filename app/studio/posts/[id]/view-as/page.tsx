// "View as": the creator's post exactly as another viewer gets it, through the same policy and the
// same presenter as the public page, with a made-up viewer instead of the creator.
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { PostView } from "@/app/(public)/[handle]/posts/[slug]/post-view";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../../../_lib/guards";

export const metadata = { title: "View as" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ViewAsPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireCreatorPage(`/studio/posts/${id}/view-as`);
  const asParam = (await searchParams).as;
  const selected = typeof asParam === "string" ? asParam : "anonymous";
  const tiers = (await caller.membership.tiers.list()).filter((t) => t.status !== "archived");
  const as =
    selected === "anonymous" ? ({ kind: "anonymous" } as const) : selected === "free" ? ({ kind: "free" } as const) : ({ kind: "tier", tierId: selected } as const);
  const post = await caller.post.access.viewAs({ postId: id, as }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const options = [
    { key: "anonymous", label: "Anonymous visitor" },
    { key: "free", label: "Free member" },
    ...tiers.map((t) => ({ key: t.id, label: `${t.name} member` })),
  ];
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-5 sm:py-10">
      <Link href={`/studio/posts/${id}`} className="text-sm text-accent-strong hover:underline">
        ← Back to the editor
      </Link>
      <h1 className="mt-3 text-2xl font-bold">View as</h1>
      <nav aria-label="Viewer" className="mt-4 flex flex-wrap gap-2">
        {options.map((o) => (
          <Link
            key={o.key}
            href={`?as=${encodeURIComponent(o.key)}`}
            aria-current={o.key === selected ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${o.key === selected ? "border-accent bg-accent-soft text-accent-strong" : "border-line text-muted hover:text-ink"}`}
          >
            {o.label}
          </Link>
        ))}
      </nav>
      <p className="mt-3 text-sm text-muted" role="note">
        {post.locked ? "This viewer gets the teaser and the join prompt." : "This viewer reads the whole post."}
        {post.status !== "published" && " Shown as it will be once published."}
      </p>
      <div className="mt-6 rounded-2xl border border-dashed border-line bg-paper p-5 sm:p-8">
          <PostView post={post} signedIn={selected !== "anonymous"} preview />
      </div>
    </main>
  );
}
