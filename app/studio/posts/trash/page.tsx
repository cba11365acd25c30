import Link from "next/link";
import { TRASH_RETENTION_DAYS } from "@/lib/schemas/post-lifecycle";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../../_lib/guards";
import { TrashList } from "../_components/library/trash-list";

export const metadata = { title: "Trash" };

export default async function TrashPage() {
  await requireCreatorPage("/studio/posts/trash");
  const page = await caller.post.library.list({ trashed: true, limit: 100 });
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
      {/* Always mounted: the confirmation of the last restore must survive the list becoming empty. */}
        <TrashList items={page.items} retentionDays={TRASH_RETENTION_DAYS} />
    </main>
  );
}
