"use client";
// What new posts start with: who can read them, and who may comment.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { COMMENT_ACCESS_CHOICES, type CommentAccess } from "@/lib/comment-access";

const OPTIONS = [
  { value: "public", label: "Public" },
  { value: "members", label: "All members" },
  { value: "paid", label: "Paid members" },
] as const;

export function DefaultAccess() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.post.access.defaultAccess.queryOptions());
  const onSuccess = (saved: { defaultAccess: string; defaultCommentAccess: CommentAccess }) =>
    queryClient.setQueryData(trpc.post.access.defaultAccess.queryKey(), saved);
  const save = useMutation(trpc.post.access.setDefault.mutationOptions({ onSuccess }));
  const saveComments = useMutation(trpc.post.access.setDefaultComments.mutationOptions({ onSuccess }));
  const saving = save.isPending || saveComments.isPending;
  const saved = save.isSuccess || saveComments.isSuccess;
  const failure = save.error ?? saveComments.error;
  return (
    <section className="mt-10 rounded-2xl border border-line bg-card p-5">
      <label className="block">
        <span className="font-semibold">New posts start as</span>
        <select
          className="mt-2 block rounded-lg border border-line bg-card px-3 py-2"
          value={current.data?.defaultAccess ?? "public"}
          disabled={current.isPending || saving}
          onChange={(e) => save.mutate({ access: e.target.value as (typeof OPTIONS)[number]["value"] })}
        >
          {OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="mt-4 block">
        <span className="font-semibold">Who may comment on new posts</span>
        <select
          className="mt-2 block rounded-lg border border-line bg-card px-3 py-2"
          value={current.data?.defaultCommentAccess ?? "readers"}
          disabled={current.isPending || saving}
          onChange={(e) => saveComments.mutate({ commentAccess: e.target.value as CommentAccess })}
        >
          {COMMENT_ACCESS_CHOICES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <p className="mt-2 text-sm text-muted" aria-live="polite">
        {saving ? "Saving…" : saved ? "Saved. You can still change both for each post." : "You can change both for each post."}
      </p>
      <FormError message={failure ? uiError(failure).message : null} />
    </section>
  );
}
