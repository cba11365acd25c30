"use client";
// The creator's tiers: create, edit, reorder, publish and archive, with members and places left.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { formatMoney } from "@/lib/money";
import { TierForm } from "./tier-form";

const STATUS_LABEL = { draft: "Draft", published: "Open", archived: "Archived" } as const;

export function TiersManager({ currency, handle }: { currency: string; handle: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tiers = useQuery(trpc.membership.tiers.list.queryOptions());
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.membership.tiers.list.queryKey() });
  const publish = useMutation(trpc.membership.tiers.publish.mutationOptions({ onSuccess: invalidate }));
  const archive = useMutation(trpc.membership.tiers.archive.mutationOptions({ onSuccess: invalidate }));
  const reorder = useMutation(trpc.membership.tiers.reorder.mutationOptions({ onSettled: invalidate }));
  const actionError = [publish.error, archive.error, reorder.error].find(Boolean);

  if (tiers.isPending) return <p className="mt-8 text-muted" role="status">Loading tiers…</p>;
  if (tiers.isError) return <FormError message={uiError(tiers.error).message} />;
  const list = tiers.data;

  function move(index: number, by: -1 | 1) {
    const ids = list.map((t) => t.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    reorder.mutate({ ids });
  }

  return (
    <div className="mt-8 space-y-4">
      <div aria-live="polite" className="sr-only">
        {publish.isPending || archive.isPending || reorder.isPending ? "Saving…" : ""}
      </div>
      <FormError message={actionError ? uiError(actionError).message : null} />
      {list.length === 0 && editing !== "new" && (
        <div className="rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          <p className="font-medium text-ink">No tiers yet.</p>
          <p className="mt-1">Start with a free tier so readers can follow you, then add a paid one for your supporters.</p>
        </div>
      )}
      <ol className="space-y-3">
        {list.map((tier, index) =>
          editing === tier.id ? (
            <li key={tier.id}>
              <TierForm currency={currency} tier={tier} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={tier.id} className="rounded-2xl border border-line bg-card p-5">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h2 className="text-lg font-semibold">
                    {tier.name}{" "}
                    <span className="ml-1 rounded-full bg-paper px-2 py-0.5 text-xs font-medium text-muted">{STATUS_LABEL[tier.status]}</span>
                  </h2>
                  <p className="text-muted">
                    {formatMoney(tier.monthlyPrice, tier.currency, { freeLabel: "Free" })}
                    {tier.monthlyPrice > 0 && " / month"}
                    {tier.annualPrice != null && ` · ${formatMoney(tier.annualPrice, tier.currency)} / year`}
                  </p>
                  <p className="mt-1 text-sm text-faint">
                    {tier.memberCount} {tier.memberCount === 1 ? "member" : "members"}
                    {tier.remaining !== null && ` · ${tier.remaining} of ${tier.memberCap} places left`}
                  </p>
                </div>
                <div className="flex flex-wrap gap-1">
                  <Button variant="ghost" aria-label={`Move ${tier.name} up`} disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)}>
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    aria-label={`Move ${tier.name} down`}
                    disabled={index === list.length - 1 || reorder.isPending}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </Button>
                  <Button variant="secondary" onClick={() => setEditing(tier.id)}>
                    Edit
                  </Button>
                  {tier.status !== "published" && (
                    <Button onClick={() => publish.mutate({ id: tier.id })} disabled={publish.isPending}>
                      {tier.status === "archived" ? "Reopen" : "Publish"}
                    </Button>
                  )}
                  {tier.status === "published" && (
                    <Button variant="secondary" onClick={() => archive.mutate({ id: tier.id })} disabled={archive.isPending}>
                      Archive
                    </Button>
                  )}
                </div>
              </div>
              {tier.benefits.length > 0 && (
                <ul className="mt-3 list-disc pl-5 text-sm text-muted">
                  {tier.benefits.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              )}
            </li>
          ),
        )}
      </ol>
      {editing === "new" ? (
        <TierForm currency={currency} onDone={() => setEditing(null)} />
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => setEditing("new")}>New tier</Button>
          {list.some((t) => t.status === "published") && (
            <a href={`/${handle}/join`} className="text-sm text-accent-strong underline">
              See your join page
            </a>
          )}
        </div>
      )}
    </div>
  );
}
