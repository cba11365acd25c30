import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { caller } from "@/server/trpc/server";
import { requireCreatorPage } from "../../_lib/guards";
import { PostEditor } from "../_components/post-editor";

export const metadata = { title: "Edit post" };

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const creator = await requireCreatorPage(`/studio/posts/${id}`);
  const post = await caller.post.byId({ id }).catch((error: unknown) => {
    // Someone else's post, a deleted one and a malformed id all look the same: not found.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!post) notFound();
  return (
      <PostEditor
        // A different post (or the same one after "Keep both" opens the copy) starts a fresh editor.
        key={post.id}
        handle={creator.handle}
        post={{
          id: post.id,
          title: post.draftTitle,
          document: post.draftDocument,
          version: post.version,
          status: post.status,
          scheduledAt: post.scheduledAt,
          slug: post.slug,
          updatedAt: post.updatedAt,
          hasPendingChanges: post.hasPendingChanges,
          settings: {
            slug: post.slug,
            slugLocked: post.publishedAt !== null,
            teaserMode: post.teaserMode,
            previewText: post.previewText,
            coverMediaId: post.coverMediaId,
            commentAccess: post.commentAccess,
            notifyMembers: post.notifyMembers,
            tags: post.tags,
          },
        }}
      />
  );
}
