"use client";
// How explore lists the creator's page: its category, whether it is for adults only, and the
// language the creator writes in (which search stems their posts in).

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError, SelectField } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";
import { CREATOR_CATEGORIES, type CreatorCategory } from "@/lib/creator-categories";
import { PAGE_LANGUAGES } from "@/lib/languages";
import type { CreatorListing } from "@/lib/schemas/creator";

const CATEGORY_OPTIONS = [{ value: "", label: "No category" }, ...CREATOR_CATEGORIES.map((c) => ({ value: c.slug, label: c.label }))];
const LANGUAGE_OPTIONS = PAGE_LANGUAGES.map((language) => ({ value: language.config, label: language.label }));

export function ListingForm({ initial }: { initial: CreatorListing }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const save = useMutation(
    trpc.creator.setListing.mutationOptions({
      onSuccess: (listing) => {
        setSaved(listing);
        router.refresh();
      },
    }),
  );
  const error = save.error ? uiError(save.error) : null;
  const unchanged = JSON.stringify(values) === JSON.stringify(saved);
  return (
    <form
      className="mt-4 space-y-5"
      aria-label="Explore and language"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(values);
      }}
    >
      <SelectField
        label="Category"
        name="category"
        options={CATEGORY_OPTIONS}
        value={values.category ?? ""}
        onChange={(event) => setValues({ ...values, category: (event.target.value || null) as CreatorCategory | null })}
        error={fieldError(error, "category")}
        hint="Explore lists your page under it, so readers who like this kind of work find you."
      />
      <SelectField
        label="Language you write in"
        name="language"
        options={LANGUAGE_OPTIONS}
        value={values.language}
        onChange={(event) => setValues({ ...values, language: event.target.value as CreatorListing["language"] })}
        error={fieldError(error, "language")}
        hint="Search matches your posts in it (“painting” finds “paintings”). Changing it applies to all your posts."
      />
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          name="adultsOnly"
          checked={values.adultsOnly}
          onChange={(event) => setValues({ ...values, adultsOnly: event.target.checked })}
          className="mt-0.5 size-4 accent-accent"
        />
        <span>
          <span className="block font-medium">My page is for adults only</span>
          <span className="block text-muted">
            Your page and posts are left out of explore, search and the front page for everyone except signed-in readers who said
            they are 18 or older and want to see such pages. Your members, your followers and anyone with a link still reach you as
            before.
          </span>
        </span>
      </label>
      <FormError message={error && !fieldError(error, "category") && !fieldError(error, "language") ? error.message : null} />
      <Button type="submit" variant="secondary" disabled={save.isPending || unchanged}>
        {save.isPending ? "Saving…" : unchanged ? "Saved" : "Save"}
      </Button>
    </form>
  );
}
