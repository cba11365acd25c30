"use client";
// The inline-mark buttons, shared by the toolbar and the selection bubble so both stay alike.
import { useEditorState, type Editor } from "@tiptap/react";
import { ToolButton } from "./tool-button";

export function MarkButtons({ editor }: { editor: Editor }) {
  // Subscribed here rather than passed down, so the marks' pressed state follows the selection
  // without the editor re-rendering everything around them on each transaction.
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      underline: current.isActive("underline"),
      strike: current.isActive("strike"),
      code: current.isActive("code"),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <>
      <ToolButton label="Bold" shortcut="Ctrl+B" active={active.bold} onClick={() => chain().toggleBold().run()}>
        B
      </ToolButton>
      <ToolButton label="Italic" shortcut="Ctrl+I" active={active.italic} onClick={() => chain().toggleItalic().run()}>
        <em>I</em>
      </ToolButton>
      <ToolButton label="Underline" shortcut="Ctrl+U" active={active.underline} onClick={() => chain().toggleUnderline().run()}>
        <u>U</u>
      </ToolButton>
      <ToolButton label="Strikethrough" shortcut="Ctrl+Shift+S" active={active.strike} onClick={() => chain().toggleStrike().run()}>
        <s>S</s>
      </ToolButton>
      <ToolButton label="Inline code" shortcut="Ctrl+E" active={active.code} onClick={() => chain().toggleCode().run()}>
        {"</>"}
      </ToolButton>
    </>
  );
}
