"use client";
// Who may read a post and what the others see: the access policy's own choices as form fields.
// Controlled by the settings panel, which saves them with the rest of the settings in one go.
import { useId, type Ref } from "react";
import { TextAreaField } from "@/app/_components/field";
import { fieldError, type UiError } from "@/app/_lib/trpc-errors";
import type { AccessLevel } from "@/lib/schemas/post-access";

const LEVELS: { value: AccessLevel; label: string; hint: string }[] = [
  { value: "public", label: "Public", hint: "Everyone can read it, the part below a paywall break too." },
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

export type AccessValues = {
  access: AccessLevel;
  tierIds: string[];
  /** The `datetime-local` text, in the browser's zone. */
  publicAt: string;
  teaserMode: "auto" | "custom" | "none";
  previewText: string;
};

export type TierOption = { id: string; name: string; status: "draft" | "published" | "archived" };

/** `datetime-local` speaks the browser's zone; the server stores UTC. */
export function toLocalInput(date: Date | null): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function usesTiers(access: AccessLevel): boolean {
  return access === "tiers" || access === "early_access";
}

export function AccessFields({
  values,
  tiers,
  error,
  onChange,
  firstChoiceRef,
  postId,
}: {
  values: AccessValues;
  tiers: TierOption[];
  error: UiError | null;
  onChange: (patch: Partial<AccessValues>) => void;
  /** The checked level, focused when the creator came here to change who can read the post. */
  firstChoiceRef?: Ref<HTMLInputElement>;
  postId: string;
}) {
  const id = useId();
  const { access, tierIds, publicAt, teaserMode, previewText } = values;
  const ownTiers = tiers.filter((t) => t.status !== "archived" || tierIds.includes(t.id));
  const accessError = fieldError(error, "access");
  const tiersError = fieldError(error, "tierIds");
  const publicAtError = fieldError(error, "publicAt");

  return (
    <div className="space-y-5">
      <fieldset aria-describedby={accessError ? `${id}-access-error` : undefined}>
        <legend className="text-sm font-semibold">Who can read this post</legend>
        <div className="mt-2 space-y-2">
          {LEVELS.map((level) => (
            <label key={level.value} className="flex items-start gap-2">
              <input
                ref={access === level.value ? firstChoiceRef : undefined}
                type="radio"
                name={`${id}-access`}
                className="mt-1"
                checked={access === level.value}
                onChange={() => onChange({ access: level.value })}
              />
              <span>
                <span className="font-medium">{level.label}</span>
                <span className="block text-sm text-muted">{level.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {accessError && (
          <p id={`${id}-access-error`} role="alert" className="mt-2 text-sm text-danger">
            {accessError}
          </p>
        )}
      </fieldset>
      {usesTiers(access) && (
        <fieldset aria-describedby={tiersError ? `${id}-tiers-error` : undefined}>
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
                    onChange={(e) => onChange({ tierIds: e.target.checked ? [...tierIds, tier.id] : tierIds.filter((t) => t !== tier.id) })}
                  />
                  {tier.name}
                  {tier.status !== "published" && <span className="text-xs text-muted">({tier.status})</span>}
                </label>
              ))}
            </div>
          )}
          {tiersError && (
            <p id={`${id}-tiers-error`} className="mt-1 text-sm text-danger" role="alert">
              {tiersError}
            </p>
          )}
        </fieldset>
      )}
      {access === "early_access" && (
        <div className="space-y-1">
          <label htmlFor={`${id}-public-at`} className="block text-sm font-semibold">
            Public from
          </label>
          <input
            id={`${id}-public-at`}
            type="datetime-local"
            value={publicAt}
            onChange={(e) => onChange({ publicAt: e.target.value })}
            aria-invalid={publicAtError ? true : undefined}
            aria-describedby={publicAtError ? `${id}-public-at-error` : undefined}
            className="block rounded-lg border border-line bg-card px-3 py-2"
          />
          {publicAtError && (
            <p id={`${id}-public-at-error`} className="text-sm text-danger" role="alert">
              {publicAtError}
            </p>
          )}
        </div>
      )}
      {access !== "public" && (
        <fieldset>
          <legend className="text-sm font-semibold">What others see</legend>
          <div className="mt-2 space-y-1">
            {TEASERS.map((t) => (
              <label key={t.value} className="flex items-center gap-2">
                <input type="radio" name={`${id}-teaser`} checked={teaserMode === t.value} onChange={() => onChange({ teaserMode: t.value })} />
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
                onChange={(e) => onChange({ previewText: e.target.value })}
                error={fieldError(error, "previewText")}
              />
            </div>
          )}
        </fieldset>
      )}
      <a href={`/studio/posts/${postId}/view-as`} className="inline-block text-sm text-accent-strong underline">
        View as a reader…
      </a>
    </div>
  );
}
