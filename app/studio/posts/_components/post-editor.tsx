"use client";
// The post editor: title + rich body, autosave with an always-visible status, a copy on this
// device until the server confirms, conflicts resolved by the creator with nothing lost, pending
// changes for published posts, history, settings and publishing.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { EditorContent, useEditor } from "@tiptap/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError, type UiError } from "@/app/_lib/trpc-errors";
import { countWords, readingMinutes } from "@/lib/document/text";
import type { PostDocument } from "@/lib/document/validate";
import { samePostText } from "@/lib/schemas/post";
import { ConflictDialog, type ConflictChoice, type ConflictTexts } from "./conflict-dialog";
import { editorExtensions } from "./editor-extensions";
import { EditorToolbar } from "./editor-toolbar";
import { HistoryPanel } from "./history-panel";
import { clearLocalCopy, readLocalCopy, writeLocalCopy, type LocalCopy, type LocalSlot } from "./local-copy";
import { SaveStatus, type SaveState } from "./save-status";
import { SettingsPanel, type PostSettingsValues } from "./settings-panel";
import { MediaInsert } from "./media/media-insert";
import { ScheduleDialog } from "./schedule-dialog";

export type EditablePost = {
  id: string;
  /** The text to edit: a published post's pending changes, or the draft. */
  title: string;
  document: PostDocument;
  version: number;
  status: "draft" | "scheduled" | "published" | "archived";
  /** When a scheduled post goes out. */
  scheduledAt: Date | null;
  slug: string;
  updatedAt: Date;
  hasPendingChanges: boolean;
  settings: PostSettingsValues;
};

type PostText = { title: string; document: PostDocument };

/** Save this long after typing stops… */
const AUTOSAVE_DELAY_MS = 1500;
/** …and at least this often while it does not. */
const AUTOSAVE_MAX_WAIT_MS = 60_000;
/** A save that failed for a reason other than being offline is tried again after this. */
const RETRY_MS = 15_000;

const NEW_POST_SETTINGS: PostSettingsValues = {
  slug: "",
  slugLocked: false,
  teaserMode: "auto",
  previewText: "",
  coverMediaId: null,
  commentsEnabled: true,
  notifyMembers: true,
  tags: [],
};

type Restorable = { copy: LocalCopy; slot: LocalSlot; stale: boolean };

function copyTitle(title: string): string {
  return `${title.trim() || "Untitled"} (my copy)`.slice(0, 200);
}

export function PostEditor({ handle, post }: { handle: string; post: EditablePost | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [title, setTitle] = useState(post?.title ?? "");
  const [status, setStatus] = useState(post?.status ?? "draft");
  const [scheduledAt, setScheduledAt] = useState<Date | null>(post?.scheduledAt ?? null);
  const [slug, setSlug] = useState(post?.slug ?? "");
  const [pending, setPending] = useState(post?.hasPendingChanges ?? false);
  const [settings, setSettings] = useState(post?.settings ?? NEW_POST_SETTINGS);
  const [saveState, setSaveState] = useState<SaveState>(
    post ? { kind: "saved", at: post.updatedAt } : { kind: "idle", at: null },
  );
  const [error, setError] = useState<UiError | null>(null);
  const [restorable, setRestorable] = useState<Restorable | null>(null);
  const [conflict, setConflict] = useState<ConflictTexts | null>(null);
  const [conflictBusy, setConflictBusy] = useState<ConflictChoice | null>(null);
  const [conflictError, setConflictError] = useState<string | null>(null);
  const [copyNotice, setCopyNotice] = useState<{ id: string; title: string } | null>(null);
  const [panel, setPanel] = useState<"history" | "settings" | null>(null);
  const [currentId, setCurrentId] = useState(post?.id ?? null);

  // Refs, not state: autosave timers and key handlers must see the latest values, not the
  // values of the render that scheduled them (a second save must not create a second post).
  const initialPost = useRef(post);
  const postId = useRef(post?.id ?? null);
  const version = useRef(post?.version ?? 0);
  // Mirrors of the refs above for what the page renders (the schedule dialog needs both).
  const [savedPostId, setSavedPostId] = useState(post?.id ?? null);
  const [renderedVersion, setRenderedVersion] = useState(post?.version ?? 0);
  function setVersion(next: number) {
    version.current = next;
    setRenderedVersion(next);
  }
  const titleRef = useRef(title);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const maxTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** While a conflict waits for the creator's choice, nothing is sent. */
  const conflictOpen = useRef(false);
  /** "Take theirs" set the creator's text aside on this device until the next successful save. */
  const setAside = useRef(false);

  // Saves must not pause while the browser is offline (React Query's default): they fail, the
  // status says so, and the local copy holds the text until the connection returns.
  const createPost = useMutation(trpc.post.create.mutationOptions({ networkMode: "always" }));
  const savePost = useMutation(trpc.post.save.mutationOptions({ networkMode: "always" }));
  const publishPost = useMutation(trpc.post.publish.mutationOptions({ networkMode: "always" }));
  const updatePost = useMutation(trpc.post.update.mutationOptions({ networkMode: "always" }));
  const discardChanges = useMutation(trpc.post.discardChanges.mutationOptions({ networkMode: "always" }));
  const restoreRevision = useMutation(trpc.post.revisions.restore.mutationOptions({ networkMode: "always" }));

  const editor = useEditor({
    extensions: editorExtensions,
    content: post?.document ?? undefined,
    immediatelyRender: false,
    shouldRerenderOnTransaction: true,
    editorProps: {
      attributes: {
        class: "prose-post tiptap min-h-[50vh] pb-24",
        "aria-label": "Post body",
        role: "textbox",
        "aria-multiline": "true",
      },
    },
    onUpdate: () => changedRef.current(),
  });

  function snapshot(): PostText {
    return { title: titleRef.current, document: (editor?.getJSON() ?? { type: "doc" }) as PostDocument };
  }

  /** Replaces the editor's text without counting it as an edit. */
  function applyText(text: PostText) {
    setTitle(text.title);
    titleRef.current = text.title;
    editor?.commands.setContent(text.document, { emitUpdate: false });
  }

  function clearTimers() {
    for (const timer of [idleTimer, maxTimer, retryTimer]) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    }
  }

  function keepLocally() {
    writeLocalCopy(postId.current, { ...snapshot(), baseVersion: version.current, savedAt: Date.now() });
  }

  function confirmed(at: Date) {
    setSaveState({ kind: "saved", at });
    setError(null);
    // Edits made while the save was travelling stay on this device, now based on the new version.
    if (dirty.current) keepLocally();
    else clearLocalCopy(postId.current);
    if (setAside.current) {
      clearLocalCopy(postId.current, "set-aside");
      setAside.current = false;
    }
  }

  /** Loads the server's current text and asks the creator to choose; `mine` defaults to the editor's. */
  async function openConflict(mine: PostText = snapshot()) {
    conflictOpen.current = true;
    clearTimers();
    setSaveState({ kind: "conflict", at: null });
    if (!postId.current) return;
    try {
      const theirs = await queryClient.fetchQuery({ ...trpc.post.byId.queryOptions({ id: postId.current }), staleTime: 0 });
      setConflict({
        mine,
        theirs: { title: theirs.draftTitle, document: theirs.draftDocument, version: theirs.version, updatedAt: theirs.updatedAt },
      });
      setConflictError(null);
    } catch (caught) {
      // Could not fetch the other version (offline?): the text stays here, and going online retries.
      setError(uiError(caught));
    }
  }

  async function sendToServer(options: { reason: "autosave" | "manual"; replacesConflict?: boolean }): Promise<boolean> {
    const text = snapshot();
    dirty.current = false;
    setSaveState({ kind: "saving", at: null });
    try {
      if (!postId.current) {
        const created = await createPost.mutateAsync(text);
        postId.current = created.id;
        setSavedPostId(created.id);
        setVersion(created.version);
        setCurrentId(created.id);
        setSlug(created.slug);
        setSettings((current) => ({ ...current, slug: created.slug }));
        clearLocalCopy(null);
        window.history.replaceState(null, "", `/studio/posts/${created.id}`);
        confirmed(created.updatedAt);
      } else {
        const saved = await savePost.mutateAsync({
          id: postId.current,
          baseVersion: version.current,
          ...text,
          reason: options.reason,
          replacesConflict: options.replacesConflict ?? false,
        });
        setVersion(saved.version);
        setSlug(saved.slug);
        setPending(saved.hasPendingChanges);
        confirmed(saved.updatedAt);
      }
      return true;
    } catch (caught) {
      dirty.current = true;
      keepLocally();
      const problem = uiError(caught);
      if (problem.code === "CONFLICT") {
        await openConflict(text);
        return false;
      }
      const offline = problem.code === null && !navigator.onLine;
      setError(offline ? null : problem);
      setSaveState({ kind: offline ? "offline" : "error", at: null });
      if (!offline && problem.code === null) {
        retryTimer.current = setTimeout(() => void saveRef.current(), RETRY_MS);
      }
      return false;
    }
  }

  /** Saves the current text if it changed; resolves true once the server holds it. */
  async function save(options: { force?: boolean; reason?: "autosave" | "manual"; replacesConflict?: boolean } = {}): Promise<boolean> {
    clearTimers();
    if (conflictOpen.current) return false;
    // One save at a time, so each names the version the previous one produced.
    while (inFlight.current) await inFlight.current;
    if (!options.force && !dirty.current && postId.current) return true;
    inFlight.current = sendToServer({ reason: options.reason ?? "autosave", replacesConflict: options.replacesConflict });
    try {
      return await inFlight.current;
    } finally {
      inFlight.current = null;
    }
  }

  function changed() {
    dirty.current = true;
    keepLocally();
    if (conflictOpen.current) return;
    setSaveState((state) => (state.kind === "saving" ? state : { kind: "unsaved", at: null }));
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_DELAY_MS);
    // Typing that never pauses still reaches the server at least once a minute.
    maxTimer.current ??= setTimeout(() => void saveRef.current(), AUTOSAVE_MAX_WAIT_MS);
  }

  const saveRef = useRef(save);
  const changedRef = useRef(changed);
  const retryConflictRef = useRef(() => {});
  useEffect(() => {
    saveRef.current = save;
    changedRef.current = changed;
    retryConflictRef.current = () => {
      if (conflictOpen.current && !conflict) void openConflict();
    };
  });

  // Offer back text that never reached the server (a crash, a closed tab, a lost connection).
  useEffect(() => {
    const original = initialPost.current;
    const id = original?.id ?? null;
    for (const slot of ["draft", "set-aside"] as const) {
      const local = readLocalCopy(id, slot);
      if (!local) continue;
      if (original && samePostText(local, original)) {
        clearLocalCopy(id, slot);
        continue;
      }
      // A copy based on an older version would overwrite someone's later save: compare instead.
      const stale = slot === "set-aside" || (original !== null && local.baseVersion < original.version);
      setRestorable({ copy: local, slot, stale });
      return;
    }
  }, []);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    const online = () => {
      retryConflictRef.current();
      void saveRef.current();
    };
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void saveRef.current({ force: true, reason: "manual" });
      }
    };
    window.addEventListener("beforeunload", warn);
    window.addEventListener("online", online);
    window.addEventListener("keydown", onKey);
    const timers = [idleTimer, maxTimer, retryTimer];
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("online", online);
      window.removeEventListener("keydown", onKey);
      for (const timer of timers) if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  /** Takes the server's text into the editor; `mine` is set aside on this device first. */
  function takeTheirs(theirs: ConflictTexts["theirs"], mine: PostText | null) {
    if (mine) {
      writeLocalCopy(postId.current, { ...mine, baseVersion: theirs.version, savedAt: Date.now() }, "set-aside");
      setAside.current = true;
    }
    applyText(theirs);
    setVersion(theirs.version);
    dirty.current = false;
    clearLocalCopy(postId.current);
    conflictOpen.current = false;
    setConflict(null);
    setSaveState({ kind: "saved", at: theirs.updatedAt });
    setError(null);
    void queryClient
      .fetchQuery({ ...trpc.post.byId.queryOptions({ id: postId.current! }), staleTime: 0 })
      .then((fresh) => setPending(fresh.hasPendingChanges))
      .catch(() => {});
  }

  async function chooseInConflict(choice: ConflictChoice) {
    if (!conflict) return;
    setConflictBusy(choice);
    setConflictError(null);
    try {
      if (choice === "mine") {
        applyText(conflict.mine);
        setVersion(conflict.theirs.version);
        conflictOpen.current = false;
        setConflict(null);
        const ok = await save({ force: true, reason: "manual", replacesConflict: true });
        if (!ok && !conflictOpen.current) {
          // Not a new conflict but a failed save: ask again rather than leave the choice half-made.
          conflictOpen.current = true;
          setConflict(conflict);
          setConflictError("Your version could not be saved yet. It is kept on this device; try again.");
        }
      } else if (choice === "theirs") {
        takeTheirs(conflict.theirs, conflict.mine);
      } else {
        const copy = await createPost.mutateAsync({ title: copyTitle(conflict.mine.title), document: conflict.mine.document });
        setCopyNotice({ id: copy.id, title: copy.title });
        takeTheirs(conflict.theirs, null);
      }
    } catch (caught) {
      setConflictError(uiError(caught).message);
    } finally {
      setConflictBusy(null);
    }
  }

  function restoreLocal() {
    if (!restorable) return;
    if (restorable.stale && postId.current) {
      // The server moved on since this copy was made: let the creator choose between the two.
      // The copy stays on this device until that choice has been saved.
      const server = snapshot();
      if (restorable.slot === "set-aside") setAside.current = true;
      setRestorable(null);
      conflictOpen.current = true;
      setSaveState({ kind: "conflict", at: null });
      setConflict({
        mine: { title: restorable.copy.title, document: restorable.copy.document },
        theirs: { ...server, version: version.current, updatedAt: initialPost.current?.updatedAt ?? new Date() },
      });
      return;
    }
    applyText(restorable.copy);
    setRestorable(null);
    changed();
  }

  async function publish() {
    if (!(await save())) return;
    try {
      const published = await publishPost.mutateAsync({ id: postId.current!, baseVersion: version.current });
      setVersion(published.version);
      setStatus(published.status);
      setSlug(published.slug);
      setPending(false);
      setSettings((current) => ({ ...current, slug: published.slug, slugLocked: true }));
      setSaveState({ kind: "saved", at: published.updatedAt });
      setError(null);
    } catch (caught) {
      const problem = uiError(caught);
      if (problem.code === "CONFLICT") await openConflict();
      else setError(problem);
    }
  }

  async function updateLive() {
    if (!(await save())) return;
    try {
      const updated = await updatePost.mutateAsync({ id: postId.current!, baseVersion: version.current });
      setVersion(updated.version);
      setPending(false);
      setSaveState({ kind: "saved", at: updated.updatedAt });
      setError(null);
    } catch (caught) {
      const problem = uiError(caught);
      if (problem.code === "CONFLICT") await openConflict();
      else setError(problem);
    }
  }

  async function discardPending() {
    // Saved first, so the discarded text is the one on screen and lands in the history.
    if (!(await save())) return;
    try {
      const live = await discardChanges.mutateAsync({ id: postId.current!, baseVersion: version.current });
      applyText({ title: live.draftTitle, document: live.draftDocument });
      setVersion(live.version);
      setPending(false);
      clearLocalCopy(postId.current);
      setSaveState({ kind: "saved", at: live.updatedAt });
      setError(null);
    } catch (caught) {
      const problem = uiError(caught);
      if (problem.code === "CONFLICT") await openConflict();
      else setError(problem);
    }
  }

  async function restoreFromHistory(revisionId: string): Promise<string | null> {
    if (!(await save())) {
      return conflictOpen.current ? null : "Your latest changes are not saved yet, so nothing was restored. Try again in a moment.";
    }
    try {
      const restored = await restoreRevision.mutateAsync({ id: postId.current!, revisionId, baseVersion: version.current });
      applyText(restored);
      setVersion(restored.version);
      setPending(restored.hasPendingChanges);
      setSlug(restored.slug);
      clearLocalCopy(postId.current);
      setSaveState({ kind: "saved", at: restored.updatedAt });
      setPanel(null);
      void queryClient.invalidateQueries({ queryKey: trpc.post.revisions.list.queryKey({ id: postId.current! }) });
      return null;
    } catch (caught) {
      const problem = uiError(caught);
      if (problem.code === "CONFLICT") {
        setPanel(null);
        await openConflict();
        return null;
      }
      return problem.message;
    }
  }

  async function openPreview() {
    if (!(await save())) return;
    const url = `/studio/posts/${postId.current}/preview`;
    if (!window.open(url, "_blank")) router.push(url);
  }

  async function openPanel(which: "history" | "settings") {
    // Both panels work on a saved post; a brand-new one is saved first.
    if (!postId.current && !(await save({ force: true }))) return;
    setPanel(which);
  }

  // Counted from the document like the server does, so the two never disagree.
  const words = editor ? countWords(editor.getJSON() as PostDocument) : 0;
  const titleError = fieldError(error, "title");
  const bodyError = fieldError(error, "document");
  const generalError = error && !titleError && !bodyError && error.code !== "CONFLICT" ? error.message : null;
  const isPublished = status === "published";
  const busy = saveState.kind === "saving";

  return (
    <main className="mx-auto max-w-3xl px-5 py-6">
      <div className="sticky top-0 z-10 -mx-5 flex flex-wrap items-center justify-between gap-3 border-b border-line bg-paper/95 px-5 py-3 backdrop-blur">
        <SaveStatus state={saveState} />
        <div className="flex flex-wrap items-center gap-2">
          {isPublished && (
            <a href={`/${handle}/posts/${slug}`} className="text-sm font-medium text-accent-strong underline-offset-2 hover:underline">
              View post
            </a>
          )}
          <Button variant="ghost" onClick={() => void openPanel("history")}>
            History
          </Button>
          <Button variant="ghost" onClick={() => void openPanel("settings")}>
            Settings
          </Button>
          <Button variant="ghost" onClick={() => void openPreview()}>
            Preview
          </Button>
          <Button variant="secondary" onClick={() => void save({ force: true, reason: "manual" })} disabled={busy}>
            {isPublished ? "Save" : "Save draft"}
          </Button>
          {!isPublished && savedPostId && (
            <ScheduleDialog
              postId={savedPostId}
              version={renderedVersion}
              scheduledAt={scheduledAt}
              triggerLabel={status === "scheduled" ? "Reschedule" : "Schedule"}
              onScheduled={(result) => {
                setVersion(result.version);
                setStatus(result.status as typeof status);
                setScheduledAt(result.scheduledAt);
              }}
            />
          )}
          {!isPublished && (
            <Button onClick={() => void publish()} disabled={publishPost.isPending}>
              {publishPost.isPending ? "Publishing…" : "Publish"}
            </Button>
          )}
        </div>
      </div>

      {restorable && (
        <div
          role="alert"
          className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-warn/30 bg-warn/5 px-4 py-3 text-sm"
        >
          <span>
            {restorable.slot === "set-aside"
              ? "This device kept your text from before you took the other version in a conflict"
              : "This device kept changes that were not saved to the server"}{" "}
            (<LocalTime date={new Date(restorable.copy.savedAt)} withTime />).
          </span>
          <span className="flex gap-2">
            <Button variant="secondary" onClick={restoreLocal}>
              {restorable.stale ? "Compare and choose" : "Restore them"}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                clearLocalCopy(postId.current, restorable.slot);
                setRestorable(null);
              }}
            >
              Discard
            </Button>
          </span>
        </div>
      )}
      {saveState.kind === "conflict" && !conflict && (
        <div role="alert" className="mt-4 rounded-lg border border-danger/30 bg-danger/5 px-4 py-3 text-sm text-danger">
          This post was changed somewhere else. Your text stays on this device; the two versions will be shown side by
          side as soon as the other one can be loaded.
        </div>
      )}
      {copyNotice && (
        <p role="status" className="mt-4 rounded-lg bg-ok/10 px-4 py-2 text-sm text-ok">
          Your version was saved as a new draft:{" "}
          <Link href={`/studio/posts/${copyNotice.id}`} className="font-semibold underline">
            {copyNotice.title}
          </Link>
        </p>
      )}
      {isPublished && pending && (
        <div
          role="status"
          className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm"
        >
          <span>
            <strong>Unpublished changes.</strong> Readers see the published version until you update it.
          </span>
          <span className="flex gap-2">
            <Button onClick={() => void updateLive()} disabled={updatePost.isPending}>
              {updatePost.isPending ? "Updating…" : "Update"}
            </Button>
            <Button variant="ghost" onClick={() => void discardPending()} disabled={discardChanges.isPending}>
              Discard changes
            </Button>
          </span>
        </div>
      )}
      {isPublished && (
        <p className="mt-4 rounded-lg bg-ok/10 px-4 py-2 text-sm text-ok" role="status">
          Published at /{handle}/posts/{slug}
        </p>
      )}
      <div className="mt-4">
        <FormError message={generalError} />
      </div>

      <label htmlFor="post-title" className="sr-only">
        Title
      </label>
      <textarea
        id="post-title"
        rows={1}
        value={title}
        onChange={(event) => {
          const value = event.target.value.replace(/\n/g, " ");
          setTitle(value);
          titleRef.current = value;
          changed();
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            editor?.commands.focus("start");
          }
        }}
        placeholder="Title"
        aria-invalid={titleError ? true : undefined}
        aria-describedby={titleError ? "post-title-error" : undefined}
        className="mt-6 block w-full resize-none border-0 bg-transparent font-serif text-3xl font-bold leading-tight [field-sizing:content] placeholder:text-faint focus:outline-none sm:text-4xl"
      />
      {titleError && (
        <p id="post-title-error" role="alert" className="mt-1 text-sm text-danger">
          {titleError}
        </p>
      )}
      {!isPublished && slug && <p className="mt-2 text-sm text-muted">Address: /{handle}/posts/{slug}</p>}

      <div className="mt-4">
        <EditorToolbar editor={editor} />
        {bodyError && (
          <p role="alert" className="mt-2 text-sm text-danger">
            {bodyError}
          </p>
        )}
        <EditorContent editor={editor} className="mt-4" />
        <MediaInsert editor={editor} />
      </div>
      <p className="fixed bottom-3 right-4 rounded-full bg-card/90 px-3 py-1 text-xs text-muted shadow-sm">
        {words.toLocaleString("en")} {words === 1 ? "word" : "words"}
        {words > 0 && <> · {readingMinutes(words)} min read</>}
      </p>

      {conflict && (
        <ConflictDialog conflict={conflict} busy={conflictBusy} error={conflictError} onChoose={(choice) => void chooseInConflict(choice)} />
      )}
      {panel === "history" && currentId && (
        <HistoryPanel postId={currentId} onRestore={restoreFromHistory} onClose={() => setPanel(null)} />
      )}
      {panel === "settings" && currentId && (
        <SettingsPanel
          postId={currentId}
          handle={handle}
          initial={{ ...settings, slug }}
          onSaved={(saved) => {
            setSettings(saved);
            setSlug(saved.slug);
          }}
          onClose={() => setPanel(null)}
        />
      )}
    </main>
  );
}
