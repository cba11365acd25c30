"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError, TextAreaField } from "@/app/_components/field";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { suggestHandle } from "@/lib/handle";
import { MAX_CREATOR_LINKS, type CreatorProfile } from "@/lib/schemas/creator";
import { CoverPicker } from "./cover-picker";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function CreatorProfileForm({ mode, initial }: { mode: "setup" | "edit"; initial?: CreatorProfile }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<CreatorProfile>(initial ?? { handle: "", displayName: "", tagline: "", about: "", links: [] });
  const [handleTouched, setHandleTouched] = useState(mode === "edit");
  const [saved, setSaved] = useState(false);
  const debouncedHandle = useDebounced(values.handle.trim().toLowerCase(), 300);
  const availability = useQuery({
    ...trpc.creator.handleAvailability.queryOptions({ handle: debouncedHandle }),
    enabled: debouncedHandle.length > 0 && debouncedHandle !== initial?.handle,
  });
  const mutation = useMutation(
    (mode === "setup" ? trpc.creator.setup : trpc.creator.update).mutationOptions({
      onSuccess: () => {
        setSaved(true);
        if (mode === "setup") router.push("/studio/posts");
        router.refresh();
      },
    }),
  );
  const error = mutation.error ? uiError(mutation.error) : null;

  function update<K extends keyof CreatorProfile>(key: K, value: CreatorProfile[K]) {
    setSaved(false);
    setValues((current) => {
      const next = { ...current, [key]: value };
      if (key === "displayName" && !handleTouched) next.handle = suggestHandle(String(value));
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ ...values, links: values.links.map((link) => link.trim()).filter(Boolean) });
  }

  // One more empty field than links so far, up to the limit: the next link has a place to go.
  const linkFields = [...values.links, ""].slice(0, MAX_CREATOR_LINKS);

  const handleStatus =
    values.handle && debouncedHandle === values.handle.trim().toLowerCase() && availability.data ? availability.data : null;
  const handleError = fieldError(error, "handle") ?? (handleStatus && !handleStatus.available ? handleStatus.message : null);

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <FormError message={error && !error.field && Object.keys(error.fieldErrors).length === 0 ? error.message : null} />
      <Field
        label="Display name"
        name="displayName"
        value={values.displayName}
        onChange={(e) => update("displayName", e.target.value)}
        error={fieldError(error, "displayName")}
        placeholder="Mara Lindqvist"
        required
      />
      <Field
        label="Handle"
        name="handle"
        value={values.handle}
        onChange={(e) => {
          setHandleTouched(true);
          update("handle", e.target.value.toLowerCase());
        }}
        error={handleError}
        autoCapitalize="none"
        spellCheck={false}
        required
        hint={
          <span aria-live="polite">
            {handleStatus?.available ? (
              <span className="text-ok">✓ {handleStatus.message}</span>
            ) : (
              <>Your page will live at /{values.handle || "your-handle"}. Lowercase letters, digits and hyphens.</>
            )}
          </span>
        }
      />
      <Field
        label="Tagline"
        name="tagline"
        value={values.tagline}
        onChange={(e) => update("tagline", e.target.value)}
        error={fieldError(error, "tagline")}
        placeholder="What you make, in one line"
      />
      <TextAreaField
        label="About"
        name="about"
        rows={5}
        value={values.about}
        onChange={(e) => update("about", e.target.value)}
        error={fieldError(error, "about")}
        placeholder="Tell fans what they will find here and how often you post."
        hint="Blank lines start paragraphs; **bold**, *italic*, [a link](https://…) and lines starting with “- ” for a list."
      />
      {mode === "edit" && (
        <>
          <CoverPicker
            label="Profile picture"
            value={values.avatarMediaId ?? null}
            onChange={(mediaId) => update("avatarMediaId", mediaId)}
            error={fieldError(error, "avatarMediaId")}
            hint="Square works best; shown round on your page."
            emptyText="No picture"
          />
          <CoverPicker
            label="Banner image"
            value={values.bannerMediaId ?? null}
            onChange={(mediaId) => update("bannerMediaId", mediaId)}
            error={fieldError(error, "bannerMediaId")}
            hint="Wide, at least 1500 pixels across: shown across the top of your page."
            emptyText="No banner"
          />
        </>
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Links</legend>
        <p className="text-sm text-muted">Your website, shop or channels elsewhere, shown on your page (at most {MAX_CREATOR_LINKS}).</p>
        {linkFields.map((link, index) => (
          <Field
            key={index}
            label={`Link ${index + 1}`}
            name={`links.${index}`}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={link}
            onChange={(e) => {
              const links = [...values.links];
              links[index] = e.target.value;
              update("links", links.filter((value, i) => value !== "" || i < links.length - 1));
            }}
          />
        ))}
        {fieldError(error, "links") && (
          <p className="text-sm text-danger" role="alert">
            {fieldError(error, "links")}
          </p>
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : mode === "setup" ? "Create my page" : "Save changes"}
        </Button>
        {saved && mode === "edit" && (
          <span role="status" className="text-sm text-ok">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
