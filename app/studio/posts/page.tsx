import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { buttonClass } from "@/app/_components/button";
import { libraryHref, libraryParamsToInput, libraryParamsToSearch, parseLibraryParams } from "@/lib/schemas/post-library";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../_lib/guards";
import { LibraryFilters } from "./_components/library/library-filters";
import { LibraryList } from "./_components/library/library-list";
import { StatusTabs } from "./_components/library/status-tabs";

export const metadata = { title: "Posts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PostsPage({ searchParams }: Props) {
  const creator = await requireCreatorPage("/studio/posts");
  const params = parseLibraryParams(await searchParams);
  const [page, tags] = await Promise.all([
    caller.post.library.list(libraryParamsToInput(params)).catch((error: unknown) => {
      // An outdated "next page" link starts over from the first page instead of failing.
      if (error instanceof TRPCError && error.code === "BAD_REQUEST" && params.cursor) {
        return caller.post.library.list(libraryParamsToInput({ ...params, cursor: undefined }));
      }
      throw error;
    }),
    caller.post.library.tags(),
  ]);
  const filtered = Boolean(params.q || params.kind || params.tag || params.from || params.to || params.status || params.access);
  const noPostsYet = page.counts.all === 0 && !filtered;

  return (
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-5 sm:py-10">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h1 className="text-2xl font-bold">Posts</h1>
          <div className="flex items-center gap-2">
            <Link href="/studio/posts/collections" className={buttonClass("ghost")}>
              Collections
            </Link>
            <Link href="/studio/posts/trash" className={buttonClass("ghost")}>
              Trash{page.counts.trash > 0 ? ` (${page.counts.trash})` : ""}
            </Link>
            <Link href="/studio/posts/new" className={buttonClass("primary")}>
              New post
            </Link>
          </div>
        </div>

        {!noPostsYet && (
          <>
            <div className="mt-6 rounded-2xl border border-line bg-card p-4">
              <LibraryFilters key={libraryParamsToSearch(params)} params={params} tags={tags} />
            </div>
            <div className="mt-5">
              <StatusTabs params={params} counts={page.counts} />
            </div>
          </>
        )}
        {/* Always mounted, in the same place: the notice of the last action must survive the list
            becoming empty, also when that action trashed the creator's only post. */}
        <LibraryList
          items={page.items}
          handle={creator.handle}
          tagNames={tags.map((t) => t.name)}
          empty={
            noPostsYet ? (
              <div className="mt-8 rounded-2xl border border-dashed border-line bg-card p-10 text-center">
                <p className="text-lg font-semibold">Write your first post</p>
                <p className="mx-auto mt-2 max-w-md text-muted">
                  Start with a short hello: who you are and what people will find here. Drafts stay private until you publish or
                  schedule them.
                </p>
                <Link href="/studio/posts/new" className={buttonClass("primary", "mt-6")}>
                  Start writing
                </Link>
              </div>
            ) : (
              <div className="mt-4 rounded-2xl border border-dashed border-line bg-card p-8 text-center">
                <p className="font-semibold">No posts match these filters</p>
                <p className="mt-1 text-sm text-muted">Try other words, another status, another audience or a wider date range.</p>
                <Link href="/studio/posts" className={buttonClass("secondary", "mt-4")}>
                  Show all posts
                </Link>
              </div>
            )
          }
        />
        {(page.nextCursor || params.cursor) && (
          <nav aria-label="Pages" className="mt-4 flex justify-between gap-3">
            {params.cursor ? (
              <Link href={libraryHref({ ...params, cursor: undefined })} className={buttonClass("ghost")}>
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link
                href={libraryHref({ ...params, cursor: page.nextCursor })}
                className={buttonClass("secondary")}
              >
                Next page →
              </Link>
            )}
          </nav>
        )}
      </main>
  );
}
