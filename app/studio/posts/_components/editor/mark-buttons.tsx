"use client";
// The inline-mark buttons, shared by the toolbar and the selection bubble so both stay alike.
import type { Editor } from "@tiptap/react";
import { ToolButton } from "./tool-button";

export function MarkButtons({ editor }: { editor: Editor }) {
  const chain = () => editor.chain().focus();
  return (
    <>
      <ToolButton label="Bold" shortcut="Ctrl+B" active={editor.isActive("bold")} onClick={() => chain().toggleBold().run()}>
        B
      </ToolButton>
      <ToolButton label="Italic" shortcut="Ctrl+I" active={editor.isActive("italic")} onClick={() => chain().toggleItalic().run()}>
        <em>I</em>
      </ToolButton>
      <ToolButton label="Underline" shortcut="Ctrl+U" active={editor.isActive("underline")} onClick={() => chain().toggleUnderline().run()}>
        <u>U</u>
      </ToolButton>
      <ToolButton label="Strikethrough" shortcut="Ctrl+Shift+S" active={editor.isActive("strike")} onClick={() => chain().toggleStrike().run()}>
        <s>S</s>
      </ToolButton>
      <ToolButton label="Inline code" shortcut="Ctrl+E" active={editor.isActive("code")} onClick={() => chain().toggleCode().run()}>
        {"</>"}
      </ToolButton>
    </>
  );
}
