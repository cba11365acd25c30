import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { TRASH_RETENTION_DAYS } from "@/lib/schemas/post-lifecycle";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../../_lib/guards";
import { TrashList } from "../_components/library/trash-list";

export const metadata = { title: "Trash" };

export default async function TrashPage() {
  await requireCreatorPage("/studio/posts/trash");
  const page = await caller.postLibrary.list({ trashed: true, limit: 100 });
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-5 sm:py-10">
      <Link href="/studio/posts" className="text-sm text-muted hover:text-ink">
        ← All posts
      </Link>
      <h1 className="mt-2 text-2xl font-bold">Trash</h1>
      <p className="mt-1 text-muted">
        Deleted posts stay here for {TRASH_RETENTION_DAYS} days, hidden from everyone, then are deleted for good. Restore
        one to put it back exactly where it was.
      </p>
      {page.items.length === 0 ? (
        <div className="mt-8 rounded-2xl border border-dashed border-line bg-card p-10 text-center">
          <p className="font-semibold">The trash is empty</p>
          <p className="mt-1 text-sm text-muted">Posts you delete from the library show up here for {TRASH_RETENTION_DAYS} days.</p>
          <Link href="/studio/posts" className={buttonClass("secondary", "mt-4")}>
            Back to posts
          </Link>
        </div>
      ) : (
        <TrashList items={page.items} />
      )}
    </main>
  );
}
