import Link from "next/link";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { requireCreatorPage } from "../../_lib/guards";
import { CollectionsManager } from "../_components/collections-manager";

export const metadata = { title: "Collections" };

export default async function CollectionsPage() {
  const creator = await requireCreatorPage("/studio/posts/collections");
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-5 sm:py-10">
        <Link href="/studio/posts" className="text-sm text-muted hover:text-ink">
          ← All posts
        </Link>
        <h1 className="mt-2 text-2xl font-bold">Collections</h1>
        <p className="mt-1 text-muted">
          Series readers follow start to end: each has its own page and feed, and its posts lead to the previous and next one. A post keeps its
          own access in a collection.
        </p>
        <CollectionsManager handle={creator.handle} />
      </main>
    </TRPCReactProvider>
  );
}
