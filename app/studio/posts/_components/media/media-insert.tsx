"use client";
// Getting files into a post: the slash menu's INSERT_MEDIA_EVENT opens a file picker; files
// dropped or pasted onto the editor are taken too. Each upload shows progress with Cancel, and a
// refusal is shown in plain words right beside the file it concerns.
import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { isAbortError, uploadFile, type UploadedMedia } from "@/app/_lib/upload";
import { refusalText } from "@/app/studio/_components/use-image-upload";
import { acceptAttribute, guessKind, isMediaKind, type MediaKind } from "@/lib/media-rules";
import { INSERT_MEDIA_EVENT } from "../editor/events";
import { hasMedia, insertUploaded, setMediaAttrs, unsupportedReason } from "./insert-media";
import { mediaDropKey, mediaDropPlugin } from "./media-drop-plugin";
import { UploadRow, type UploadItem } from "./upload-row";

type PickTarget = { kind: MediaKind; posterFor?: string };

function mountedDom(editor: Editor): HTMLElement | null {
  try {
    return editor.view.dom;
  } catch {
    // Not mounted yet: EditorContent attaches the view after the first render.
    return null;
  }
}

export function MediaInsert({ editor }: { editor: Editor | null }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const pickTarget = useRef<PickTarget | null>(null);
  const controllers = useRef(new Map<string, AbortController>());

  const update = (key: string, patch: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  const remove = (key: string) => setItems((list) => list.filter((item) => item.key !== key));

  function openPicker(target: PickTarget) {
    const input = inputRef.current;
    if (!input) return;
    pickTarget.current = target;
    // Set on the element directly: the click below must happen in this same user gesture.
    input.accept = acceptAttribute(target.kind);
    input.multiple = target.kind === "image" && !target.posterFor;
    input.value = "";
    input.click();
  }

  async function upload(files: File[], target?: PickTarget) {
    if (!editor || files.length === 0) return;
    const batch = files.map((file) => ({ file, key: crypto.randomUUID(), kind: target?.kind ?? guessKind(file.type) }));
    setItems((list) => [
      ...list,
      ...batch.map(({ file, key, kind }): UploadItem => ({ key, name: file.name, size: file.size, kind, loaded: 0, total: file.size, phase: "uploading" })),
    ]);
    setAnnouncement(`Uploading ${files.length === 1 ? files[0]!.name : `${files.length} files`}.`);

    const settled = await Promise.all(
      batch.map(async ({ file, key, kind }) => {
        const controller = new AbortController();
        controllers.current.set(key, controller);
        try {
          const media = await uploadFile(file, {
            kind,
            signal: controller.signal,
            onProgress: ({ loaded, total }) => update(key, { loaded, total }),
          });
          return { key, media };
        } catch (error) {
          if (isAbortError(error)) {
            remove(key);
            setAnnouncement(`Upload of ${file.name} cancelled.`);
          } else {
            update(key, { phase: "failed", message: refusalText(error) });
          }
          return null;
        } finally {
          controllers.current.delete(key);
        }
      }),
    );
    const done = settled.filter((entry): entry is { key: string; media: UploadedMedia } => entry !== null);
    if (done.length === 0 || editor.isDestroyed) return;

    if (target?.posterFor) {
      const [poster] = done;
      const videoId = target.posterFor;
      if (!poster || !hasMedia(editor, videoId)) return;
      setMediaAttrs(editor, videoId, { posterMediaId: poster.media.id });
      remove(poster.key);
      setItems((list) => list.map((item) => (item.mediaId === videoId ? { ...item, posterName: poster.media.name } : item)));
      setAnnouncement(`Poster image ${poster.media.name} set.`);
      return;
    }

    const media = done.map((entry) => entry.media);
    const images = media.filter((item) => item.kind === "image").length;
    const reason = media.map((item) => unsupportedReason(editor, item.kind, item.kind === "image" && images > 1)).find(Boolean);
    const placed = !reason && insertUploaded(editor, media);
    for (const { key, media: item } of done) {
      if (!placed) update(key, { phase: "failed", message: reason ?? "It could not be placed here. Click into the text where it should go, then try again." });
      // Images are described and captioned in their own block; only a video asks for more here.
      else if (item.kind === "video") update(key, { phase: "placed", mediaId: item.id });
      else remove(key);
    }
    if (placed) setAnnouncement(`${media.length === 1 ? media[0]!.name : `${media.length} files`} added to the post.`);
  }

  // Handlers registered once per editor call the latest render's functions through refs.
  const openPickerRef = useRef(openPicker);
  const uploadRef = useRef(upload);
  useEffect(() => {
    openPickerRef.current = openPicker;
    uploadRef.current = upload;
  });

  useEffect(() => {
    if (!editor) return;
    const onInsert = (event: Event) => {
      const kind = (event as CustomEvent<{ kind?: unknown } | null>).detail?.kind;
      if (isMediaKind(kind)) openPickerRef.current({ kind });
    };
    let dom: HTMLElement | null = null;
    const attach = () => {
      dom?.removeEventListener(INSERT_MEDIA_EVENT, onInsert);
      dom = mountedDom(editor);
      dom?.addEventListener(INSERT_MEDIA_EVENT, onInsert);
    };
    attach();
    editor.on("mount", attach);
    // First in line, so a drop of files is ours before any other plugin treats it as content.
    editor.registerPlugin(
      mediaDropPlugin((files) => void uploadRef.current(files)),
      (plugin, plugins) => [plugin, ...plugins],
    );
    return () => {
      editor.off("mount", attach);
      dom?.removeEventListener(INSERT_MEDIA_EVENT, onInsert);
      if (!editor.isDestroyed) editor.unregisterPlugin(mediaDropKey);
    };
  }, [editor]);

  // Leaving the editor stops uploads nobody will place.
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  return (
    <div className="my-3">
      <input
        ref={inputRef}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        data-testid="media-file-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          const target = pickTarget.current;
          pickTarget.current = null;
          if (target) void upload(files, target);
        }}
      />
      {items.length > 0 && (
        <ul aria-label="Uploads" className="space-y-2">
          {items.map((item) => (
            <UploadRow
              key={item.key}
              item={item}
              onCancel={() => controllers.current.get(item.key)?.abort()}
              onDismiss={() => remove(item.key)}
              onRetry={() => {
                remove(item.key);
                openPicker({ kind: item.kind });
              }}
              onChoosePoster={() => item.mediaId && openPicker({ kind: "image", posterFor: item.mediaId })}
            />
          ))}
        </ul>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
