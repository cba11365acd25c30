"use client";
// The post editor page: title and rich body, with the save status, who can read it, notices,
// toolbar, history, settings and the publish step around them. Saving, versions, the local copy and conflicts are the
// save queue's (use-save-queue.ts); this renders. Typing re-renders none of it: the editor does
// not re-render its host on transactions, and each part subscribes to the state it shows.
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { UiError } from "@/app/_lib/trpc-errors";
import type { PostDocument } from "@/lib/document/validate";
import { editorExtensions } from "./editor-extensions";
import { EditorHeader, type ScheduleHandle } from "./editor-header";
import { BodyError, EditorConflict, EditorNotices, type PublishNotice } from "./editor-notices";
import { EditorToolbar } from "./editor-toolbar";
import { HistoryPanel } from "./history-panel";
import { MediaInsert } from "./media/media-insert";
import { PostAudienceProvider } from "./post-audience";
import { PublishDialog } from "./publish-dialog";
import type { Lifecycle, PostText } from "./save-queue";
import { SettingsPanel, type PostSettingsValues } from "./settings-panel";
import { TitleField } from "./title-field";
import { useSaveQueue, useSaveQueueState, type TextSurface } from "./use-save-queue";
import { WordCount } from "./word-count";

export type EditablePost = {
  id: string;
  /** The text to edit: a published post's pending changes, or the draft. */
  title: string;
  document: PostDocument;
  version: number;
  status: Lifecycle;
  /** When a scheduled post goes out. */
  scheduledAt: Date | null;
  slug: string;
  updatedAt: Date;
  hasPendingChanges: boolean;
  settings: PostSettingsValues;
};

const NEW_POST_SETTINGS: PostSettingsValues = {
  slug: "",
  slugLocked: false,
  teaserMode: "auto",
  previewText: "",
  coverMediaId: null,
  commentAccess: "readers",
  notifyMembers: true,
  tags: [],
};

const EMPTY_DOCUMENT: PostDocument = { type: "doc" };

export function PostEditor({ handle, post }: { handle: string; post: EditablePost | null }) {
  const router = useRouter();
  const [settings, setSettings] = useState(post?.settings ?? NEW_POST_SETTINGS);
  const [panel, setPanel] = useState<"history" | "settings" | "access" | "publish" | null>(null);
  const [notice, setNotice] = useState<PublishNotice | null>(null);
  const [publishTitle, setPublishTitle] = useState("");
  const scheduleRef = useRef<ScheduleHandle>(null);

  // The queue reads and replaces the text through these, whenever it needs to, never on a keystroke.
  const titleInput = useRef<HTMLTextAreaElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const [surface] = useState<TextSurface>(() => ({
    read: (): PostText => ({
      title: titleInput.current?.value ?? post?.title ?? "",
      document: (editorRef.current?.getJSON() ?? post?.document ?? EMPTY_DOCUMENT) as PostDocument,
    }),
    replace: (text: PostText) => {
      if (titleInput.current) titleInput.current.value = text.title;
      // Not an edit: the text came from the server or from this device's copy.
      editorRef.current?.commands.setContent(text.document, { emitUpdate: false });
    },
  }));
  const queue = useSaveQueue(post, surface);

  const editor = useEditor({
    extensions: editorExtensions,
    content: post?.document ?? undefined,
    immediatelyRender: false,
    // The toolbar and menus subscribe to the editor state they show (useEditorState).
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: "prose-post tiptap min-h-[50vh] pb-24",
        "aria-label": "Post body",
        role: "textbox",
        "aria-multiline": "true",
      },
    },
    onUpdate: () => queue.edited(),
  });
  useEffect(() => {
    editorRef.current = editor;
  }, [editor]);

  const postId = useSaveQueueState(queue, (state) => state.postId);
  const slug = useSaveQueueState(queue, (state) => state.slug);
  const published = useSaveQueueState(queue, (state) => state.lifecycle === "published");

  const openPanel = useCallback(
    async (which: "history" | "settings" | "access") => {
      // The panels work on a saved post; a brand-new one is saved first.
      if (!queue.getState().postId && !(await queue.save({ force: true }))) return;
      setPanel(which);
    },
    [queue],
  );
  // Stable, so what shows who can read the post (the paywall break too) does not re-render for it.
  const chooseAccess = useCallback(() => void openPanel("access"), [openPanel]);

  async function openPreview() {
    if (!(await queue.save())) return;
    const url = `/studio/posts/${queue.getState().postId}/preview`;
    if (!window.open(url, "_blank")) router.push(url);
  }

  /** The publish step reads what the server holds, so the text on screen is saved first. */
  async function openPublish() {
    if (!(await queue.save({ force: !queue.getState().postId }))) return;
    setPublishTitle(surface.read().title);
    setPanel("publish");
  }

  async function publish(): Promise<UiError | null> {
    const outcome = await queue.publish();
    if (outcome.ok) {
      setNotice({ kind: "published", emailing: outcome.result.emailing });
      setPanel(null);
      return null;
    }
    // No message: a conflict (its own dialog takes over) or a save that failed (the status says so).
    if (!outcome.error) setPanel(null);
    return outcome.error;
  }

  /** Takes the paywall break out of the text and saves, for a public post that had one by mistake. */
  async function removeBreak() {
    const current = editorRef.current;
    if (!current) return;
    const breaks: { from: number; to: number }[] = [];
    current.state.doc.forEach((node, offset) => {
      if (node.type.name === "paywallBreak") breaks.push({ from: offset, to: offset + node.nodeSize });
    });
    if (breaks[0]) current.commands.deleteRange(breaks[0]);
    await queue.save({ force: true });
  }

  return (
    <PostAudienceProvider postId={postId} chooseAccess={chooseAccess}>
      <main className="mx-auto max-w-3xl px-5 pb-6 sm:pt-6">
        {/* The title is a field, not a heading: the page's one h1 is for those who move by headings. */}
        <h1 className="sr-only">{post ? "Edit post" : "New post"}</h1>
        <EditorHeader
          queue={queue}
          handle={handle}
          scheduleRef={scheduleRef}
          onHistory={() => void openPanel("history")}
          onSettings={() => void openPanel("settings")}
          onPreview={() => void openPreview()}
          onPublish={() => void openPublish()}
        />
        <EditorNotices queue={queue} handle={handle} notice={notice} onUpdated={() => setNotice({ kind: "updated" })} />

        <TitleField queue={queue} inputRef={titleInput} initial={post?.title ?? ""} onEnter={() => editor?.commands.focus("start")} />
        {!published && slug && <p className="mt-2 text-sm text-muted">Address: /{handle}/posts/{slug}</p>}

        <div className="mt-4">
          <EditorToolbar editor={editor} />
          <BodyError queue={queue} />
          <EditorContent editor={editor} className="mt-4" />
          <MediaInsert editor={editor} />
        </div>
        {editor && <WordCount editor={editor} />}

        <EditorConflict queue={queue} />
        {panel === "history" && postId && (
          <HistoryPanel
            postId={postId}
            onRestore={async (revisionId) => {
              const problem = await queue.restoreRevision(revisionId);
              if (problem === null) setPanel(null);
              return problem;
            }}
            onClose={() => setPanel(null)}
          />
        )}
        {(panel === "settings" || panel === "access") && postId && (
          <SettingsPanel
            postId={postId}
            handle={handle}
            // Publishing freezes the address.
            initial={{ ...settings, slug, slugLocked: settings.slugLocked || published }}
            focusAccess={panel === "access"}
            onSaved={(saved) => {
              setSettings(saved);
              queue.slugChanged(saved.slug);
            }}
            onClose={() => setPanel(null)}
          />
        )}
        {panel === "publish" && postId && (
          <PublishDialog
            postId={postId}
            title={publishTitle}
            onPublish={publish}
            onSchedule={() => {
              setPanel(null);
              scheduleRef.current?.open();
            }}
            onChooseAccess={chooseAccess}
            onRemoveBreak={removeBreak}
            onEmailChanged={(notifyMembers) => setSettings((current) => ({ ...current, notifyMembers }))}
            onClose={() => setPanel(null)}
          />
        )}
      </main>
    </PostAudienceProvider>
  );
}
