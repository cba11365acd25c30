"use client";
// Post settings beside the text: access (the access policy's own form), address, cover, tags,
// comments and the publish notification. Saved on their own, without touching the text's version.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError, type UiError } from "@/app/_lib/trpc-errors";
import { MAX_TAGS_PER_POST } from "@/lib/schemas/post";
import { CoverPicker } from "../../_components/cover-picker";
import { AccessSettings } from "./access-settings";
import { EditorDialog } from "./editor-dialog";

export type PostSettingsValues = {
  slug: string;
  slugLocked: boolean;
  teaserMode: "auto" | "custom" | "none";
  previewText: string;
  coverMediaId: string | null;
  commentsEnabled: boolean;
  notifyMembers: boolean;
  tags: string[];
};

function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

export function SettingsPanel({
  postId,
  handle,
  initial,
  onSaved,
  onClose,
}: {
  postId: string;
  handle: string;
  initial: PostSettingsValues;
  onSaved: (settings: PostSettingsValues) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const mutation = useMutation(trpc.post.settings.mutationOptions());
  const knownTags = useQuery(trpc.post.library.tags.queryOptions());
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [tagText, setTagText] = useState(initial.tags.join(", "));
  const [error, setError] = useState<UiError | null>(null);
  const [savedNote, setSavedNote] = useState(false);
  const tagListId = useId();
  const accessHeadingId = useId();

  const set = <K extends keyof PostSettingsValues>(key: K, value: PostSettingsValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setSavedNote(false);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const tags = splitTags(tagText);
    if (tags.length > MAX_TAGS_PER_POST) {
      setError({ message: "", field: null, code: null, fieldErrors: { tags: [`A post can have at most ${MAX_TAGS_PER_POST} tags.`] } });
      return;
    }
    // Only what changed here is sent, so this form never overwrites a setting changed elsewhere
    // (the access settings in this panel save on their own, and may share the teaser fields).
    const { coverMediaId } = values;
    const changes = {
      ...(!values.slugLocked && values.slug !== saved.slug ? { slug: values.slug } : {}),
      ...(coverMediaId !== saved.coverMediaId ? { coverMediaId } : {}),
      ...(values.commentsEnabled !== saved.commentsEnabled ? { commentsEnabled: values.commentsEnabled } : {}),
      ...(values.notifyMembers !== saved.notifyMembers ? { notifyMembers: values.notifyMembers } : {}),
      ...(tags.join("\n") !== saved.tags.join("\n") ? { tags } : {}),
    };
    try {
      const result = await mutation.mutateAsync({ id: postId, ...changes });
      const next: PostSettingsValues = {
        slug: result.slug,
        slugLocked: result.slugLocked,
        teaserMode: result.teaserMode,
        previewText: result.previewText,
        coverMediaId: result.coverMediaId,
        commentsEnabled: result.commentsEnabled,
        notifyMembers: result.notifyMembers,
        tags: result.tags,
      };
      setValues(next);
      setSaved(next);
      setTagText(result.tags.join(", "));
      setError(null);
      setSavedNote(true);
      onSaved(next);
    } catch (caught) {
      setError(uiError(caught));
    }
  }

  const general = error && !error.field && Object.keys(error.fieldErrors).length === 0 ? error.message : null;

  return (
    <EditorDialog title="Post settings" onClose={onClose} size="side">
      {/* Access and what non-members see (teaser mode, preview text) save on their own. */}
      <section aria-labelledby={accessHeadingId} className="mb-8 border-b border-line pb-8">
        <h3 id={accessHeadingId} className="mb-3 text-base font-semibold">
          Who can read it
        </h3>
        <AccessSettings postId={postId} />
      </section>
      <form onSubmit={(event) => void submit(event)} className="space-y-6" noValidate>
        <Field
          label="Address"
          value={values.slug}
          onChange={(event) => set("slug", event.target.value)}
          disabled={values.slugLocked}
          error={fieldError(error, "slug")}
          hint={
            values.slugLocked
              ? `/${handle}/posts/${values.slug} — fixed since the first publish, so shared links keep working.`
              : `/${handle}/posts/${values.slug || "…"} — leave empty to follow the title. Fixed once published.`
          }
          autoComplete="off"
          spellCheck={false}
        />

        <CoverPicker
          value={values.coverMediaId}
          onChange={(mediaId) => set("coverMediaId", mediaId)}
          error={fieldError(error, "coverMediaId")}
          hint="Shown on the post's card on your page."
        />

        <div>
          <Field
            label="Tags"
            value={tagText}
            onChange={(event) => {
              setTagText(event.target.value);
              setSavedNote(false);
            }}
            list={tagListId}
            error={fieldError(error, "tags")}
            hint={`Separate with commas; new tags are created when you save. Up to ${MAX_TAGS_PER_POST}.`}
            autoComplete="off"
          />
          <datalist id={tagListId}>
            {knownTags.data?.map((tag) => (
              <option key={tag.id} value={tag.name} />
            ))}
          </datalist>
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Readers</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.commentsEnabled}
              onChange={(event) => set("commentsEnabled", event.target.checked)}
              className="accent-accent"
            />
            Allow comments
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.notifyMembers}
              onChange={(event) => set("notifyMembers", event.target.checked)}
              className="accent-accent"
            />
            Email members when this post is published
          </label>
        </fieldset>

        <FormError message={general} />
        <div className="flex items-center justify-end gap-3">
          {savedNote && (
            <p role="status" className="text-sm text-ok">
              Settings saved.
            </p>
          )}
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      </form>
    </EditorDialog>
  );
}
