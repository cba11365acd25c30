"use client";
// The editor's controls: the formatting toolbar, plus the pieces it hosts (selection bubble,
// "/" menu, link and embed forms, keyboard-shortcuts help) so the editor page renders one thing.
import { useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { EmbedForm } from "./editor/embed-form";
import { EDIT_LINK_EVENT, OPEN_EMBED_EVENT } from "./editor/events";
import { LinkForm } from "./editor/link-form";
import { MarkButtons } from "./editor/mark-buttons";
import { SelectionMenu } from "./editor/selection-menu";
import { ShortcutsHelp } from "./editor/shortcuts-help";
import { SlashMenu } from "./editor/slash-menu";
import { ToolButton } from "./editor/tool-button";
import { Toolbar } from "./editor/toolbar";

type Panel = "link" | "embed" | null;

/**
 * What the buttons show, read on every transaction but compared before re-rendering: typing plain
 * text changes none of it, so the toolbar stays as it is.
 */
function toolbarState(editor: Editor) {
  return {
    h2: editor.isActive("heading", { level: 2 }),
    h3: editor.isActive("heading", { level: 3 }),
    h4: editor.isActive("heading", { level: 4 }),
    link: editor.isActive("link"),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    taskList: editor.isActive("taskList"),
    blockquote: editor.isActive("blockquote"),
    codeBlock: editor.isActive("codeBlock"),
    spoiler: editor.isActive("spoiler"),
    hasPaywall: editor.state.doc.content.content.some((node) => node.type.name === "paywallBreak"),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

function Separator() {
  return <span aria-hidden className="mx-1 w-px self-stretch bg-line" />;
}

export function EditorToolbar({ editor }: { editor: Editor | null }) {
  // NOTE: the editor arrives after the first render (immediatelyRender: false). The toolbar's state
  // is watched from then on: a watcher started before it would hold no editor until the first
  // transaction, and an opened post nobody has touched yet would show no toolbar.
  if (!editor) return <div className="h-10" aria-hidden />;
  return <FormattingToolbar editor={editor} />;
}

function FormattingToolbar({ editor }: { editor: Editor }) {
  const [panel, setPanel] = useState<Panel>(null);

  // The "/" menu and Ctrl+K ask for these panels through events on the editor element.
  useEffect(() => {
    const fromEditor = (event: Event) => event.target instanceof Node && editor.view.dom.contains(event.target);
    const openEmbed = (event: Event) => fromEditor(event) && setPanel("embed");
    const openLink = (event: Event) => fromEditor(event) && setPanel("link");
    document.addEventListener(OPEN_EMBED_EVENT, openEmbed);
    document.addEventListener(EDIT_LINK_EVENT, openLink);
    return () => {
      document.removeEventListener(OPEN_EMBED_EVENT, openEmbed);
      document.removeEventListener(EDIT_LINK_EVENT, openLink);
    };
  }, [editor]);

  const state = useEditorState({ editor, selector: ({ editor: current }) => toolbarState(current) });
  const chain = () => editor.chain().focus();
  const hasPaywall = state.hasPaywall;

  return (
    <div className="relative">
      <Toolbar label="Formatting" onEscape={() => editor.commands.focus()} className="flex items-start gap-0.5 rounded-lg border border-line bg-card p-1">
        {/* One row that scrolls sideways on a phone, so the text starts right below it; wrapped on wider screens. */}
        <div className="flex min-w-0 flex-1 gap-0.5 overflow-x-auto [scrollbar-width:thin] sm:flex-wrap">
          <ToolButton label="Heading 2 (H2)" shortcut="Ctrl+Alt+2" active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
            H2
          </ToolButton>
          <ToolButton label="Heading 3 (H3)" shortcut="Ctrl+Alt+3" active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
            H3
          </ToolButton>
          <ToolButton label="Heading 4 (H4)" shortcut="Ctrl+Alt+4" active={state.h4} onClick={() => chain().toggleHeading({ level: 4 }).run()}>
            H4
          </ToolButton>
          <Separator />
          <MarkButtons editor={editor} />
          <ToolButton label="Link" shortcut="Ctrl+K" active={state.link || panel === "link"} onClick={() => setPanel(panel === "link" ? null : "link")}>
            Link
          </ToolButton>
          <Separator />
          <ToolButton label="Bulleted list" shortcut="Ctrl+Shift+8" active={state.bulletList} onClick={() => chain().toggleBulletList().run()}>
            • List
          </ToolButton>
          <ToolButton label="Numbered list" shortcut="Ctrl+Shift+7" active={state.orderedList} onClick={() => chain().toggleOrderedList().run()}>
            1. List
          </ToolButton>
          <ToolButton label="Checklist" shortcut="Ctrl+Shift+9" active={state.taskList} onClick={() => chain().toggleTaskList().run()}>
            ☑ List
          </ToolButton>
          <ToolButton label="Quote" shortcut="Ctrl+Shift+B" active={state.blockquote} onClick={() => chain().toggleBlockquote().run()}>
            “ ”
          </ToolButton>
          <ToolButton label="Code block" shortcut="Ctrl+Alt+C" active={state.codeBlock} onClick={() => chain().toggleCodeBlock().run()}>
            {"{ }"}
          </ToolButton>
          <ToolButton label="Divider" onClick={() => chain().setHorizontalRule().run()}>
            —
          </ToolButton>
          <ToolButton label="Spoiler" active={state.spoiler} onClick={() => chain().toggleSpoiler().run()}>
            Spoiler
          </ToolButton>
          <ToolButton label={hasPaywall ? "Paywall break (a post has only one)" : "Paywall break"} disabled={hasPaywall} onClick={() => chain().insertPaywallBreak().run()}>
            Paywall
          </ToolButton>
          <ToolButton label="Embed video" active={panel === "embed"} onClick={() => setPanel(panel === "embed" ? null : "embed")}>
            Embed
          </ToolButton>
          <Separator />
          <ToolButton label="Undo" shortcut="Ctrl+Z" disabled={!state.canUndo} onClick={() => chain().undo().run()}>
            ↶
          </ToolButton>
          <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" disabled={!state.canRedo} onClick={() => chain().redo().run()}>
            ↷
          </ToolButton>
        </div>
        {/* Outside the scrolling row, which would clip its popover. */}
        <ShortcutsHelp />
      </Toolbar>
      {panel === "link" && (
        <div className="absolute left-0 right-0 top-full z-20 mt-1 rounded-lg border border-line bg-card p-1 shadow-lg sm:right-auto">
          <LinkForm editor={editor} onDone={() => setPanel(null)} />
        </div>
      )}
      {panel === "embed" && (
        <div className="absolute left-0 right-0 top-full z-20 mt-1">
          <EmbedForm editor={editor} onDone={() => setPanel(null)} />
        </div>
      )}
      <SelectionMenu editor={editor} />
      <SlashMenu editor={editor} />
    </div>
  );
}
