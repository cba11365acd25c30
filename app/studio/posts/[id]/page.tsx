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
      handle={creator.handle}
      post={{
        id: post.id,
        title: post.title,
        document: post.document,
        version: post.version,
        status: post.status,
        slug: post.slug,
        updatedAt: post.updatedAt,
      }}
    />
  );
}
