"use client";
// The post editor: title + rich body, autosave with a visible status, a local copy until the
// server confirms, and publishing.
import { useMutation } from "@tanstack/react-query";
import { EditorContent, useEditor } from "@tiptap/react";
import { Placeholder } from "@tiptap/extensions";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError, type UiError } from "@/app/_lib/trpc-errors";
import { documentExtensions } from "@/lib/document/extensions";
import type { PostDocument } from "@/lib/document/validate";
import { EditorToolbar } from "./editor-toolbar";
import { clearLocalCopy, readLocalCopy, writeLocalCopy, type LocalCopy } from "./local-copy";
import { SaveStatus, type SaveState } from "./save-status";

export type EditablePost = {
  id: string;
  title: string;
  document: PostDocument;
  version: number;
  status: "draft" | "scheduled" | "published" | "archived";
  slug: string;
  updatedAt: Date;
};

const AUTOSAVE_DELAY_MS = 1500;

export function PostEditor({ handle, post }: { handle: string; post: EditablePost | null }) {
  const trpc = useTRPC();
  const [title, setTitle] = useState(post?.title ?? "");
  const [status, setStatus] = useState(post?.status ?? "draft");
  const [slug, setSlug] = useState(post?.slug ?? "");
  const [saveState, setSaveState] = useState<SaveState>(
    post ? { kind: "saved", at: post.updatedAt } : { kind: "idle", at: null },
  );
  const [error, setError] = useState<UiError | null>(null);
  const [restorable, setRestorable] = useState<LocalCopy | null>(null);

  // Refs, not state: autosave timers and key handlers must see the latest values, not the
  // values of the render that scheduled them (a second save must not create a second post).
  const initialPost = useRef(post);
  const postId = useRef(post?.id ?? null);
  const version = useRef(post?.version ?? 0);
  const titleRef = useRef(title);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const createPost = useMutation(trpc.post.create.mutationOptions());
  const savePost = useMutation(trpc.post.save.mutationOptions());
  const publishPost = useMutation(trpc.post.publish.mutationOptions());

  const editor = useEditor({
    extensions: [...documentExtensions, Placeholder.configure({ placeholder: "Write something worth reading…" })],
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

  function snapshot() {
    return { title: titleRef.current, document: (editor?.getJSON() ?? { type: "doc" }) as PostDocument };
  }

  async function sendToServer(): Promise<boolean> {
    const { title: currentTitle, document } = snapshot();
    dirty.current = false;
    setSaveState({ kind: "saving", at: null });
    try {
      if (!postId.current) {
        const created = await createPost.mutateAsync({ title: currentTitle, document });
        postId.current = created.id;
        version.current = created.version;
        setSlug(created.slug);
        clearLocalCopy(null);
        window.history.replaceState(null, "", `/studio/posts/${created.id}`);
        setSaveState({ kind: "saved", at: created.updatedAt });
      } else {
        const saved = await savePost.mutateAsync({
          id: postId.current,
          baseVersion: version.current,
          title: currentTitle,
          document,
        });
        version.current = saved.version;
        setSlug(saved.slug);
        setSaveState({ kind: "saved", at: saved.updatedAt });
      }
      if (!dirty.current) clearLocalCopy(postId.current);
      setError(null);
      return true;
    } catch (caught) {
      dirty.current = true;
      const problem = uiError(caught);
      setError(problem);
      const offline = problem.code === null && !navigator.onLine;
      setSaveState({ kind: problem.code === "CONFLICT" ? "conflict" : offline ? "offline" : "error", at: null });
      return false;
    }
  }

  /** Saves the current text if it changed; resolves true once the server holds it. */
  async function save(force = false): Promise<boolean> {
    if (timer.current) clearTimeout(timer.current);
    // One save at a time, so each names the version the previous one produced.
    while (inFlight.current) await inFlight.current;
    if (!force && !dirty.current && postId.current) return true;
    inFlight.current = sendToServer();
    try {
      return await inFlight.current;
    } finally {
      inFlight.current = null;
    }
  }

  function changed() {
    dirty.current = true;
    setSaveState((state) => (state.kind === "saving" ? state : { kind: "unsaved", at: null }));
    writeLocalCopy(postId.current, { ...snapshot(), baseVersion: version.current, savedAt: Date.now() });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_DELAY_MS);
  }

  const saveRef = useRef(save);
  const changedRef = useRef(changed);
  useEffect(() => {
    saveRef.current = save;
    changedRef.current = changed;
  });

  // Offer back text that never reached the server (a crash, a closed tab, a lost connection).
  useEffect(() => {
    const original = initialPost.current;
    const local = readLocalCopy(original?.id ?? null);
    const serverTime = original ? new Date(original.updatedAt).getTime() : 0;
    if (local && local.savedAt > serverTime && (!original || local.baseVersion >= original.version)) {
      setRestorable(local);
    }
  }, []);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    const retry = () => void saveRef.current();
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void saveRef.current(true);
      }
    };
    window.addEventListener("beforeunload", warn);
    window.addEventListener("online", retry);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("online", retry);
      window.removeEventListener("keydown", onKey);
    };
  }, []);

  async function publish() {
    if (!(await save())) return;
    try {
      const published = await publishPost.mutateAsync({ id: postId.current!, baseVersion: version.current });
      version.current = published.version;
      setStatus(published.status);
      setSlug(published.slug);
      setSaveState({ kind: "saved", at: published.updatedAt });
      setError(null);
    } catch (caught) {
      setError(uiError(caught));
    }
  }

  function restoreLocal() {
    if (!restorable || !editor) return;
    setTitle(restorable.title);
    titleRef.current = restorable.title;
    editor.commands.setContent(restorable.document);
    setRestorable(null);
    changed();
  }

  const words = editor ? editor.getText().split(/\s+/).filter(Boolean).length : 0;
  const titleError = fieldError(error, "title");
  const bodyError = fieldError(error, "document");
  const generalError = error && !titleError && !bodyError && error.code !== "CONFLICT" ? error.message : null;

  return (
    <main className="mx-auto max-w-3xl px-5 py-6">
      <div className="sticky top-0 z-10 -mx-5 flex flex-wrap items-center justify-between gap-3 border-b border-line bg-paper/95 px-5 py-3 backdrop-blur">
        <SaveStatus state={saveState} />
        <div className="flex items-center gap-2">
          {status === "published" && (
            <a
              href={`/${handle}/posts/${slug}`}
              className="text-sm font-medium text-accent-strong underline-offset-2 hover:underline"
            >
              View post
            </a>
          )}
          <Button variant="secondary" onClick={() => void save(true)} disabled={saveState.kind === "saving"}>
            {status === "published" ? "Save" : "Save draft"}
          </Button>
          {status !== "published" && (
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
          <span>This device kept changes that were not saved to the server.</span>
          <span className="flex gap-2">
            <Button variant="secondary" onClick={restoreLocal}>
              Restore them
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                clearLocalCopy(postId.current);
                setRestorable(null);
              }}
            >
              Discard
            </Button>
          </span>
        </div>
      )}
      {saveState.kind === "conflict" && (
        <div role="alert" className="mt-4 rounded-lg border border-danger/30 bg-danger/5 px-4 py-3 text-sm text-danger">
          {error?.message} Your text stays on this device. Copy anything you need, then{" "}
          <button type="button" className="font-semibold underline" onClick={() => window.location.reload()}>
            load the latest version
          </button>
          .
        </div>
      )}
      {status === "published" && (
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
      {status !== "published" && slug && <p className="mt-2 text-sm text-muted">Address: /{handle}/posts/{slug}</p>}

      <div className="mt-4">
        <EditorToolbar editor={editor} />
        {bodyError && (
          <p role="alert" className="mt-2 text-sm text-danger">
            {bodyError}
          </p>
        )}
        <EditorContent editor={editor} className="mt-4" />
      </div>
      <p className="fixed bottom-3 right-4 rounded-full bg-card/90 px-3 py-1 text-xs text-muted shadow-sm">
        {words.toLocaleString("en")} words · {Math.max(1, Math.round(words / 230))} min read
      </p>
    </main>
  );
}
