"use client";
// The formatting bubble over selected text: marks and links, where the hands already are.
import { useEditorState, type Editor } from "@tiptap/react";
import { BubbleMenu, type BubbleMenuProps } from "@tiptap/react/menus";
import { useMemo, useState } from "react";
import { LinkForm } from "./link-form";
import { MarkButtons } from "./mark-buttons";
import { ToolButton } from "./tool-button";
import { Toolbar } from "./toolbar";

// Text selections only: media and the paywall break have their own controls.
const showForText: NonNullable<BubbleMenuProps["shouldShow"]> = ({ editor, state }) =>
  !state.selection.empty &&
  editor.isEditable &&
  !editor.isActive("codeBlock") &&
  state.selection.content().content.firstChild?.isTextblock !== false;

export function SelectionMenu({ editor }: { editor: Editor }) {
  const [editingLink, setEditingLink] = useState(false);
  // BubbleMenu re-sends its options to the editor (a transaction) whenever these props change
  // identity, and this menu re-renders when the selection's link changes: keep them stable.
  const onLink = useEditorState({ editor, selector: ({ editor: current }) => current.isActive("link") });
  const options = useMemo(() => ({ placement: "top" as const, onHide: () => setEditingLink(false) }), []);

  return (
    <BubbleMenu
      editor={editor}
      shouldShow={showForText}
      options={options}
      className="z-20 rounded-lg border border-line bg-card p-1 shadow-lg"
    >
      {editingLink ? (
        <LinkForm editor={editor} onDone={() => setEditingLink(false)} />
      ) : (
        <Toolbar label="Selection formatting" onEscape={() => editor.commands.focus()} className="flex gap-0.5">
          <MarkButtons editor={editor} />
          <ToolButton label="Link" shortcut="Ctrl+K" active={onLink} onClick={() => setEditingLink(true)}>
            Link
          </ToolButton>
        </Toolbar>
      )}
    </BubbleMenu>
  );
}
