"use client";
// Who may read a post and what the others see. Self-contained: loads the post's settings and the
// creator's tiers, saves through postAccess.set; the editor mounts it in its settings panel.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { FormError, TextAreaField } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";
import type { AccessLevel } from "@/lib/schemas/post-access";

const LEVELS: { value: AccessLevel; label: string; hint: string }[] = [
  { value: "public", label: "Public", hint: "Everyone can read it." },
  { value: "members", label: "All members", hint: "Free and paid members." },
  { value: "paid", label: "Paid members", hint: "Members of any paid tier." },
  { value: "tiers", label: "Selected tiers", hint: "Only the tiers you tick." },
  { value: "early_access", label: "Early access", hint: "Selected tiers first, then everyone from a date." },
];

const TEASERS = [
  { value: "auto", label: "Everything above the paywall break" },
  { value: "custom", label: "Preview text I write" },
  { value: "none", label: "No preview" },
] as const;

/** `datetime-local` speaks the browser's zone; the server stores UTC. */
function toLocalInput(date: Date | null): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function AccessSettings({ postId }: { postId: string }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.post.access.get.queryOptions({ postId }));
  const tiers = useQuery(trpc.membership.tiers.list.queryOptions());
  if (settings.isPending || tiers.isPending) return <p className="text-sm text-muted" role="status">Loading access settings…</p>;
  if (settings.isError) return <FormError message={uiError(settings.error).message} />;
  // Remounted when the saved settings change, so the form always starts from what is stored.
  return <AccessForm key={settings.dataUpdatedAt} initial={settings.data} tiers={tiers.data ?? []} />;
}

type Settings = { postId: string; access: AccessLevel; tierIds: string[]; publicAt: Date | null; teaserMode: "auto" | "custom" | "none"; previewText: string };
type TierOption = { id: string; name: string; status: "draft" | "published" | "archived" };

function AccessForm({ initial, tiers }: { initial: Settings; tiers: TierOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const postId = initial.postId;
  const [access, setAccess] = useState<AccessLevel>(initial.access);
  const [tierIds, setTierIds] = useState<string[]>(initial.tierIds);
  const [publicAt, setPublicAt] = useState(() => toLocalInput(initial.publicAt));
  const [teaserMode, setTeaserMode] = useState(initial.teaserMode);
  const [previewText, setPreviewText] = useState(initial.previewText);
  const [dirty, setDirty] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  const save = useMutation(
    trpc.post.access.set.mutationOptions({
      onSuccess: (saved) => {
        setDirty(false);
        setJustSaved(true);
        queryClient.setQueryData(trpc.post.access.get.queryKey({ postId }), saved);
      },
    }),
  );
  const error = save.error ? uiError(save.error) : null;
  const touch = () => {
    setDirty(true);
    setJustSaved(false);
    save.reset();
  };

  const ownTiers = tiers.filter((t) => t.status !== "archived" || tierIds.includes(t.id));
  const usesTiers = access === "tiers" || access === "early_access";

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ postId, access, tierIds: usesTiers ? tierIds : [], publicAt: publicAt ? new Date(publicAt) : null, teaserMode, previewText });
  }

  return (
    <form onSubmit={submit} className="space-y-5" aria-label="Access" noValidate>
      <FormError message={error && !error.field && Object.keys(error.fieldErrors).length === 0 ? error.message : null} />
      <fieldset>
        <legend className="text-sm font-semibold">Who can read this post</legend>
        <div className="mt-2 space-y-2">
          {LEVELS.map((level) => (
            <label key={level.value} className="flex items-start gap-2">
              <input
                type="radio"
                name="access"
                className="mt-1"
                checked={access === level.value}
                onChange={() => {
                  setAccess(level.value);
                  touch();
                }}
              />
              <span>
                <span className="font-medium">{level.label}</span>
                <span className="block text-sm text-muted">{level.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {usesTiers && (
        <fieldset aria-describedby="access-tiers-error">
          <legend className="text-sm font-semibold">Tiers</legend>
          {ownTiers.length === 0 ? (
            <p className="mt-1 text-sm text-muted">
              You have no tiers yet. <a href="/studio/tiers" className="underline">Create one</a> first.
            </p>
          ) : (
            <div className="mt-2 space-y-1">
              {ownTiers.map((tier) => (
                <label key={tier.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={tierIds.includes(tier.id)}
                    onChange={(e) => {
                      setTierIds(e.target.checked ? [...tierIds, tier.id] : tierIds.filter((id) => id !== tier.id));
                      touch();
                    }}
                  />
                  {tier.name}
                  {tier.status !== "published" && <span className="text-xs text-muted">({tier.status})</span>}
                </label>
              ))}
            </div>
          )}
          <p id="access-tiers-error" className="text-sm text-danger" role="alert">
            {fieldError(error, "tierIds")}
          </p>
        </fieldset>
      )}
      {access === "early_access" && (
        <div className="space-y-1">
          <label htmlFor="access-public-at" className="block text-sm font-semibold">
            Public from
          </label>
          <input
            id="access-public-at"
            type="datetime-local"
            value={publicAt}
            onChange={(e) => {
              setPublicAt(e.target.value);
              touch();
            }}
            aria-invalid={fieldError(error, "publicAt") ? true : undefined}
            className="block rounded-lg border border-line bg-card px-3 py-2"
          />
          <p className="text-sm text-danger" role="alert">
            {fieldError(error, "publicAt")}
          </p>
        </div>
      )}
      {access !== "public" && (
        <fieldset>
          <legend className="text-sm font-semibold">What others see</legend>
          <div className="mt-2 space-y-1">
            {TEASERS.map((t) => (
              <label key={t.value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="teaserMode"
                  checked={teaserMode === t.value}
                  onChange={() => {
                    setTeaserMode(t.value);
                    touch();
                  }}
                />
                {t.label}
              </label>
            ))}
          </div>
          {teaserMode === "custom" && (
            <div className="mt-3">
              <TextAreaField
                label="Preview text"
                rows={3}
                value={previewText}
                onChange={(e) => {
                  setPreviewText(e.target.value);
                  touch();
                }}
                error={fieldError(error, "previewText")}
              />
            </div>
          )}
        </fieldset>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending || !dirty}>
          {save.isPending ? "Saving…" : "Save access"}
        </Button>
        <span className="text-sm text-muted" aria-live="polite">
          {justSaved ? "Saved" : dirty ? "Unsaved changes" : ""}
        </span>
        <a href={`/studio/posts/${postId}/view-as`} className="ml-auto text-sm text-accent-strong underline">
          View as…
        </a>
      </div>
    </form>
  );
}
