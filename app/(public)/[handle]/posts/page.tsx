import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { PagesNav } from "@/app/_components/pages-nav";
import { PostCard } from "@/app/_components/post-card";
import { caller } from "@/server/trpc/server";
import { movedOrMissing } from "../_lib/moved-or-missing";

type Props = {
  params: Promise<{ handle: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const PAGE_SIZE = 20;

const loadCreator = cache((handle: string) => caller.creator.byHandle({ handle }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const creator = await loadCreator((await params).handle);
  if (!creator) return { title: "Not found" };
  return {
    title: `Posts by ${creator.displayName}`,
    description: `Every post by ${creator.displayName} on Atelier, newest first.`,
    alternates: { canonical: `/${creator.handle}/posts`, types: { "application/rss+xml": `/${creator.handle}/feed.xml` } },
  };
}

export default async function ArchivePage({ params, searchParams }: Props) {
  const { handle } = await params;
  const raw = (await searchParams).cursor;
  const cursor = typeof raw === "string" && raw.length <= 400 ? raw : undefined;
  const creator = await loadCreator(handle);
  if (!creator) return movedOrMissing(handle, "/posts");
  const page = await caller.post.read.archive({ creatorId: creator.id, cursor, limit: PAGE_SIZE }).catch((error: unknown) => {
    // An outdated or hand-edited "older posts" link starts over from the newest instead of failing.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST" && cursor) {
      return caller.post.read.archive({ creatorId: creator.id, limit: PAGE_SIZE });
    }
    throw error;
  });
  return (
    <main className="mx-auto max-w-3xl px-5 py-10">
      <Link href={`/${creator.handle}`} className="text-sm font-semibold text-accent-strong hover:underline">
        {creator.displayName}
      </Link>
      <h1 className="mt-2 font-serif text-3xl font-bold">All posts</h1>
      {page.posts.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          {creator.displayName} has not published anything yet.
        </p>
      ) : (
        <ul className="mt-6 space-y-4">
          {page.posts.map((post) => (
            <li key={post.id}>
              <PostCard post={{ ...post, handle: creator.handle, displayName: undefined }} />
            </li>
          ))}
        </ul>
      )}
      <PagesNav newestHref={`/${creator.handle}/posts`} nextCursor={page.nextCursor} onFirstPage={!cursor} />
    </main>
  );
}
