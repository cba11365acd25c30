"use client";
// Post settings beside the text: who can read it (the access policy's own form), address, cover,
// tags, comments and the publish email, saved with one button, without touching the text's version.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError, type UiError } from "@/app/_lib/trpc-errors";
import { COMMENT_ACCESS_CHOICES, type CommentAccess } from "@/lib/comment-access";
import { MAX_TAGS_PER_POST } from "@/lib/schemas/post";
import type { PostAccessSettings } from "@/server/services/posts/access-settings";
import { CoverPicker } from "../../_components/cover-picker";
import { AccessFields, toLocalInput, usesTiers, type AccessValues, type TierOption } from "./access-settings";
import { EditorDialog } from "./editor-dialog";

export type PostSettingsValues = {
  slug: string;
  slugLocked: boolean;
  teaserMode: "auto" | "custom" | "none";
  previewText: string;
  coverMediaId: string | null;
  /** Who may comment, among those who can read the whole post; off, nobody (existing comments stay). */
  commentAccess: CommentAccess;
  notifyMembers: boolean;
  tags: string[];
};

function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

function accessValues(stored: PostAccessSettings): AccessValues {
  return {
    access: stored.access,
    tierIds: stored.tierIds,
    publicAt: toLocalInput(stored.publicAt),
    teaserMode: stored.teaserMode,
    previewText: stored.previewText,
  };
}

function sameAccess(a: AccessValues, b: AccessValues): boolean {
  return JSON.stringify({ ...a, tierIds: [...a.tierIds].sort() }) === JSON.stringify({ ...b, tierIds: [...b.tierIds].sort() });
}

type Props = {
  postId: string;
  handle: string;
  initial: PostSettingsValues;
  /** Put the focus on "Who can read it" (the creator came to change it). */
  focusAccess?: boolean;
  onSaved: (settings: PostSettingsValues) => void;
  onClose: () => void;
};

export function SettingsPanel(props: Props) {
  const trpc = useTRPC();
  const access = useQuery(trpc.post.access.get.queryOptions({ postId: props.postId }));
  const tiers = useQuery(trpc.membership.tiers.list.queryOptions());
  return (
    <EditorDialog title="Post settings" onClose={props.onClose} size="side">
      {access.isPending || tiers.isPending ? (
        <p className="text-sm text-muted" role="status">
          Loading settings…
        </p>
      ) : access.isError ? (
        <FormError message={uiError(access.error).message} />
      ) : (
        <SettingsForm {...props} storedAccess={access.data} tiers={tiers.data ?? []} />
      )}
    </EditorDialog>
  );
}

function SettingsForm({
  postId,
  handle,
  initial,
  focusAccess = false,
  onSaved,
  storedAccess,
  tiers,
}: Props & { storedAccess: PostAccessSettings; tiers: TierOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveAccess = useMutation(trpc.post.access.set.mutationOptions());
  const saveSettings = useMutation(trpc.post.settings.mutationOptions());
  const knownTags = useQuery(trpc.post.library.tags.queryOptions());
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [accessDraft, setAccessDraft] = useState(() => accessValues(storedAccess));
  const [accessSaved, setAccessSaved] = useState(() => accessValues(storedAccess));
  const [tagText, setTagText] = useState(initial.tags.join(", "));
  const [error, setError] = useState<UiError | null>(null);
  const [savedNote, setSavedNote] = useState(false);
  const tagListId = useId();
  const accessHeadingId = useId();
  const accessChoice = useRef<HTMLInputElement>(null);
  const busy = saveAccess.isPending || saveSettings.isPending;

  useEffect(() => {
    const choice = accessChoice.current;
    if (!focusAccess || !choice) return;
    // Opening a modal dialog focuses its `autofocus` element: when the dialog opens after this
    // (its own effect runs after its children's), that one; when it is open already, focus it now.
    choice.setAttribute("autofocus", "");
    choice.focus();
  }, [focusAccess]);

  const set = <K extends keyof PostSettingsValues>(key: K, value: PostSettingsValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setSavedNote(false);
  };

  /** Who can read it, saved first: its refusals (a missing tier, a live post with a break) stop the rest. */
  async function submitAccess(): Promise<void> {
    if (sameAccess(accessDraft, accessSaved)) return;
    const { access, tierIds, publicAt, teaserMode, previewText } = accessDraft;
    const stored = await saveAccess.mutateAsync({
      postId,
      access,
      tierIds: usesTiers(access) ? tierIds : [],
      publicAt: access === "early_access" && publicAt ? new Date(publicAt) : null,
      teaserMode,
      previewText,
    });
    queryClient.setQueryData(trpc.post.access.get.queryKey({ postId }), stored);
    const next = accessValues(stored);
    setAccessDraft(next);
    setAccessSaved(next);
  }

  async function submitRest(tags: string[]) {
    // Only what changed is sent, so this form never overwrites a setting changed elsewhere.
    const { coverMediaId } = values;
    const changes = {
      ...(!values.slugLocked && values.slug !== saved.slug ? { slug: values.slug } : {}),
      ...(coverMediaId !== saved.coverMediaId ? { coverMediaId } : {}),
      ...(values.notifyMembers !== saved.notifyMembers ? { notifyMembers: values.notifyMembers } : {}),
      ...(values.commentAccess !== saved.commentAccess ? { commentAccess: values.commentAccess } : {}),
      ...(tags.join("\n") !== saved.tags.join("\n") ? { tags } : {}),
    };
    const result = await saveSettings.mutateAsync({ id: postId, ...changes });
    const next: PostSettingsValues = {
      slug: result.slug,
      slugLocked: result.slugLocked,
      teaserMode: result.teaserMode,
      previewText: result.previewText,
      coverMediaId: result.coverMediaId,
      commentAccess: result.commentAccess,
      notifyMembers: result.notifyMembers,
      tags: result.tags,
    };
    setValues(next);
    setSaved(next);
    setTagText(result.tags.join(", "));
    onSaved(next);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const tags = splitTags(tagText);
    if (tags.length > MAX_TAGS_PER_POST) {
      setError({ message: "", field: null, code: null, fieldErrors: { tags: [`A post can have at most ${MAX_TAGS_PER_POST} tags.`] } });
      return;
    }
    setError(null);
    try {
      await submitAccess();
      await submitRest(tags);
      setSavedNote(true);
    } catch (caught) {
      setError(uiError(caught));
    } finally {
      // What the publish step shows follows the settings.
      void queryClient.invalidateQueries({ queryKey: trpc.post.reach.queryKey({ id: postId }) });
    }
  }

  const general = error && !error.field && Object.keys(error.fieldErrors).length === 0 ? error.message : null;

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-8" noValidate>
      <section aria-labelledby={accessHeadingId} className="border-b border-line pb-8">
        <h3 id={accessHeadingId} className="mb-3 text-base font-semibold">
          Who can read it
        </h3>
        <AccessFields
          postId={postId}
          values={accessDraft}
          tiers={tiers}
          error={error}
          firstChoiceRef={accessChoice}
          onChange={(patch) => {
            setAccessDraft((current) => ({ ...current, ...patch }));
            setSavedNote(false);
          }}
        />
      </section>

      <div className="space-y-6">
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

        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Comments</legend>
          {COMMENT_ACCESS_CHOICES.map((choice) => (
            <label key={choice.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="comment-access"
                value={choice.value}
                checked={values.commentAccess === choice.value}
                onChange={() => set("commentAccess", choice.value)}
                className="accent-accent"
              />
              {choice.label}
            </label>
          ))}
          {values.commentAccess === "off" && <p className="text-sm text-muted">Comments already written stay visible; nobody can add more.</p>}
        </fieldset>

        {/* Only a first publish emails; the address is locked from then on too. */}
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Email</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.notifyMembers}
              disabled={values.slugLocked}
              onChange={(event) => set("notifyMembers", event.target.checked)}
              className="accent-accent"
            />
            Email members when this post is first published
          </label>
          {values.slugLocked && <p className="text-sm text-muted">Already published: members were emailed then, if at all. Updates send no email.</p>}
        </fieldset>
      </div>

      <FormError message={general} />
      <div className="sticky bottom-0 -mx-5 flex items-center justify-end gap-3 border-t border-line bg-paper px-5 py-3">
        {savedNote && (
          <p role="status" className="text-sm text-ok">
            Settings saved.
          </p>
        )}
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
