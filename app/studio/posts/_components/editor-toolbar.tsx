"use client";

import type { Editor } from "@tiptap/react";
import type { ReactNode } from "react";

function ToolButton({
  label,
  shortcut,
  active,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  active?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={active ?? undefined}
      title={shortcut ? `${label} (${shortcut})` : label}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      className={`min-w-9 rounded-md px-2 py-1.5 text-sm font-semibold ${
        active ? "bg-accent-soft text-accent-strong" : "text-muted hover:bg-line/60 hover:text-ink"
      }`}
    >
      {children}
    </button>
  );
}

export function EditorToolbar({ editor }: { editor: Editor | null }) {
  if (!editor) return <div className="h-10" aria-hidden />;
  const chain = () => editor.chain().focus();

  function editLink() {
    const current = editor?.getAttributes("link").href as string | undefined;
    const url = window.prompt("Link address (https://…, or mailto:…). Leave empty to remove the link.", current ?? "https://");
    if (url === null) return;
    if (url.trim() === "") {
      chain().extendMarkRange("link").unsetLink().run();
      return;
    }
    if (!chain().extendMarkRange("link").setLink({ href: url.trim() }).run()) {
      window.alert("Links must start with http://, https:// or mailto:.");
    }
  }

  return (
    <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-0.5 rounded-lg border border-line bg-card p-1">
      <ToolButton label="Heading 2" active={editor.isActive("heading", { level: 2 })} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </ToolButton>
      <ToolButton label="Heading 3" active={editor.isActive("heading", { level: 3 })} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </ToolButton>
      <span aria-hidden className="mx-1 w-px bg-line" />
      <ToolButton label="Bold" shortcut="Ctrl+B" active={editor.isActive("bold")} onClick={() => chain().toggleBold().run()}>
        B
      </ToolButton>
      <ToolButton label="Italic" shortcut="Ctrl+I" active={editor.isActive("italic")} onClick={() => chain().toggleItalic().run()}>
        <em>I</em>
      </ToolButton>
      <ToolButton label="Underline" shortcut="Ctrl+U" active={editor.isActive("underline")} onClick={() => chain().toggleUnderline().run()}>
        <u>U</u>
      </ToolButton>
      <ToolButton label="Strikethrough" active={editor.isActive("strike")} onClick={() => chain().toggleStrike().run()}>
        <s>S</s>
      </ToolButton>
      <ToolButton label="Link" shortcut="Ctrl+K" active={editor.isActive("link")} onClick={editLink}>
        Link
      </ToolButton>
      <span aria-hidden className="mx-1 w-px bg-line" />
      <ToolButton label="Bulleted list" active={editor.isActive("bulletList")} onClick={() => chain().toggleBulletList().run()}>
        • List
      </ToolButton>
      <ToolButton label="Numbered list" active={editor.isActive("orderedList")} onClick={() => chain().toggleOrderedList().run()}>
        1. List
      </ToolButton>
      <ToolButton label="Quote" active={editor.isActive("blockquote")} onClick={() => chain().toggleBlockquote().run()}>
        “ ”
      </ToolButton>
      <span aria-hidden className="mx-1 w-px bg-line" />
      <ToolButton label="Undo" shortcut="Ctrl+Z" onClick={() => chain().undo().run()}>
        ↶
      </ToolButton>
      <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" onClick={() => chain().redo().run()}>
        ↷
      </ToolButton>
    </div>
  );
}
