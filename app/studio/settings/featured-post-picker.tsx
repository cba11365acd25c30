"use client";
// Which post the creator's page shows first: one of their published posts, or none.

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

export function FeaturedPostPicker({ current, posts }: { current: string | null; posts: { id: string; title: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [chosen, setChosen] = useState(current ?? "");
  const [saved, setSaved] = useState(current ?? "");
  const save = useMutation(
    trpc.creator.setFeatured.mutationOptions({
      onSuccess: (_data, input) => {
        setSaved(input.postId ?? "");
        router.refresh();
      },
    }),
  );
  if (posts.length === 0) {
    return <p className="mt-3 text-sm text-muted">Once you publish a post, you can feature it at the top of your page.</p>;
  }
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-3"
      aria-label="Featured post"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ postId: chosen || null });
      }}
    >
      <label className="min-w-0 flex-1 text-sm font-medium">
        Shown first on your page
        <select
          className="mt-1 block w-full rounded-lg border border-line bg-card px-3 py-2 text-base"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
        >
          <option value="">No featured post</option>
          {posts.map((post) => (
            <option key={post.id} value={post.id}>
              {post.title || "Untitled"}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" disabled={save.isPending || chosen === saved}>
        {save.isPending ? "Saving…" : chosen === saved ? "Saved" : "Save"}
      </Button>
      <FormError message={save.error ? uiError(save.error).message : null} />
    </form>
  );
}
