"use client";
// The access level new posts start with.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

const OPTIONS = [
  { value: "public", label: "Public" },
  { value: "members", label: "All members" },
  { value: "paid", label: "Paid members" },
] as const;

export function DefaultAccess() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.post.access.defaultAccess.queryOptions());
  const save = useMutation(
    trpc.post.access.setDefault.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.post.access.defaultAccess.queryKey(), saved),
    }),
  );
  return (
    <section className="mt-10 rounded-2xl border border-line bg-card p-5">
      <label className="block">
        <span className="font-semibold">New posts start as</span>
        <select
          className="mt-2 block rounded-lg border border-line bg-card px-3 py-2"
          value={current.data?.defaultAccess ?? "public"}
          disabled={current.isPending || save.isPending}
          onChange={(e) => save.mutate({ access: e.target.value as (typeof OPTIONS)[number]["value"] })}
        >
          {OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <p className="mt-2 text-sm text-muted" aria-live="polite">
        {save.isPending ? "Saving…" : save.isSuccess ? "Saved. You can still change it for each post." : "You can change it for each post."}
      </p>
      <FormError message={save.error ? uiError(save.error).message : null} />
    </section>
  );
}
