import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { PagesNav } from "@/app/_components/pages-nav";
import { PostCard } from "@/app/_components/post-card";
import { archiveFilters, archiveHref } from "@/lib/schemas/archive";
import { caller } from "@/server/trpc/server";
import { movedOrMissing } from "../_lib/moved-or-missing";
import { ArchiveFilterForm } from "./archive-filters";

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
  const query = await searchParams;
  const raw = query.cursor;
  const cursor = typeof raw === "string" && raw.length <= 400 ? raw : undefined;
  const filters = archiveFilters(query);
  const creator = await loadCreator(handle);
  if (!creator) return movedOrMissing(handle, "/posts");
  const [page, tags, series] = await Promise.all([
    caller.post.read.archive({ creatorId: creator.id, cursor, limit: PAGE_SIZE, ...filters }).catch((error: unknown) => {
      // An outdated or hand-edited "older posts" link starts over from the newest instead of failing.
      if (error instanceof TRPCError && error.code === "BAD_REQUEST" && cursor) {
        return caller.post.read.archive({ creatorId: creator.id, limit: PAGE_SIZE, ...filters });
      }
      throw error;
    }),
    caller.post.read.archiveTags({ creatorId: creator.id }),
    caller.post.collections.ofCreator({ creatorId: creator.id }),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <main className="mx-auto max-w-3xl px-5 py-10">
      <Link href={`/${creator.handle}`} className="text-sm font-semibold text-accent-strong hover:underline">
        {creator.displayName}
      </Link>
      <h1 className="mt-2 font-serif text-3xl font-bold">All posts</h1>
      <ArchiveFilterForm handle={creator.handle} filters={filters} tags={tags} collections={series} />
      {page.posts.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          {filtered ? (
            <>
              No posts match these filters.{" "}
              <Link href={`/${creator.handle}/posts`} className="font-medium text-accent-strong underline">
                Show every post
              </Link>
            </>
          ) : (
            `${creator.displayName} has not published anything yet.`
          )}
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
      <PagesNav newestHref={archiveHref(creator.handle, filters)} nextCursor={page.nextCursor} onFirstPage={!cursor} />
    </main>
  );
}
