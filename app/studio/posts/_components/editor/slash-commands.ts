// The "/" menu's commands and the editor extension that opens it. The menu's state lives in the
// extension's storage; SlashMenu (rendered by the toolbar) subscribes to it and draws the list.
import { Extension, type Editor, type Range } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import Suggestion, { type SuggestionProps } from "@tiptap/suggestion";
import { dispatchEditorEvent, EDIT_LINK_EVENT, INSERT_MEDIA_EVENT, OPEN_EMBED_EVENT, type InsertMediaDetail, type InsertMediaKind } from "./events";

export type SlashCommand = {
  id: string;
  title: string;
  hint: string;
  keywords: string[];
  run: (editor: Editor, range: Range) => void;
};

function requestMedia(editor: Editor, range: Range, kind: InsertMediaKind) {
  editor.chain().focus().deleteRange(range).run();
  dispatchEditorEvent<InsertMediaDetail>(editor.view.dom, INSERT_MEDIA_EVENT, { kind });
}

export const SLASH_COMMANDS: SlashCommand[] = [
  { id: "h2", title: "Heading", hint: "Section title", keywords: ["h2", "title", "heading"], run: (e, r) => e.chain().focus().deleteRange(r).setNode("heading", { level: 2 }).run() },
  { id: "h3", title: "Subheading", hint: "Smaller title", keywords: ["h3", "heading"], run: (e, r) => e.chain().focus().deleteRange(r).setNode("heading", { level: 3 }).run() },
  { id: "h4", title: "Small heading", hint: "Smallest title", keywords: ["h4", "heading"], run: (e, r) => e.chain().focus().deleteRange(r).setNode("heading", { level: 4 }).run() },
  { id: "bullet", title: "Bulleted list", hint: "- item", keywords: ["ul", "list", "bullet"], run: (e, r) => e.chain().focus().deleteRange(r).toggleBulletList().run() },
  { id: "ordered", title: "Numbered list", hint: "1. item", keywords: ["ol", "list", "number", "ordered"], run: (e, r) => e.chain().focus().deleteRange(r).toggleOrderedList().run() },
  { id: "task", title: "Checklist", hint: "[ ] item", keywords: ["todo", "task", "check", "list"], run: (e, r) => e.chain().focus().deleteRange(r).toggleTaskList().run() },
  { id: "quote", title: "Quote", hint: "> text", keywords: ["blockquote", "quote", "citation"], run: (e, r) => e.chain().focus().deleteRange(r).toggleBlockquote().run() },
  { id: "code", title: "Code block", hint: "```", keywords: ["code", "pre", "snippet"], run: (e, r) => e.chain().focus().deleteRange(r).toggleCodeBlock().run() },
  { id: "divider", title: "Divider", hint: "---", keywords: ["hr", "rule", "line", "separator", "divider"], run: (e, r) => e.chain().focus().deleteRange(r).setHorizontalRule().run() },
  { id: "spoiler", title: "Spoiler", hint: "Hidden until clicked", keywords: ["spoiler", "hide", "details", "reveal"], run: (e, r) => e.chain().focus().deleteRange(r).toggleSpoiler().run() },
  { id: "paywall", title: "Paywall break", hint: "Teaser ends here", keywords: ["paywall", "members", "teaser", "break", "more"], run: (e, r) => e.chain().focus().deleteRange(r).insertPaywallBreak().run() },
  {
    id: "embed",
    title: "Embed video",
    hint: "YouTube or Vimeo link",
    keywords: ["embed", "youtube", "vimeo", "video"],
    run: (e, r) => {
      e.chain().focus().deleteRange(r).run();
      dispatchEditorEvent(e.view.dom, OPEN_EMBED_EVENT);
    },
  },
  { id: "image", title: "Image", hint: "Upload a picture", keywords: ["image", "picture", "photo", "img"], run: (e, r) => requestMedia(e, r, "image") },
  { id: "audio", title: "Audio", hint: "Upload a sound file", keywords: ["audio", "podcast", "sound", "mp3"], run: (e, r) => requestMedia(e, r, "audio") },
  { id: "video", title: "Video", hint: "Upload a video file", keywords: ["video", "movie", "mp4"], run: (e, r) => requestMedia(e, r, "video") },
  { id: "file", title: "File", hint: "Attach a download", keywords: ["file", "attachment", "pdf", "download"], run: (e, r) => requestMedia(e, r, "file") },
];

export function filterSlashCommands(query: string): SlashCommand[] {
  const q = query.trim().toLowerCase();
  if (q === "") return SLASH_COMMANDS;
  return SLASH_COMMANDS.filter((command) => command.title.toLowerCase().includes(q) || command.keywords.some((keyword) => keyword.startsWith(q)));
}

export type SlashMenuState = {
  items: SlashCommand[];
  selected: number;
  rect: DOMRect | null;
  choose: (command: SlashCommand) => void;
};

export type SlashStorage = {
  state: SlashMenuState | null;
  listeners: Set<() => void>;
};

declare module "@tiptap/core" {
  interface Storage {
    slashCommand: SlashStorage;
  }
}

/** Ctrl/⌘+K opens the toolbar's link form instead of a browser prompt. */
export const LinkShortcut = Extension.create({
  name: "linkShortcut",
  addKeyboardShortcuts() {
    return {
      "Mod-k": () => {
        dispatchEditorEvent(this.editor.view.dom, EDIT_LINK_EVENT);
        return true;
      },
    };
  },
});

export const SlashCommandExtension = Extension.create<Record<string, never>, SlashStorage>({
  name: "slashCommand",

  addStorage() {
    return { state: null, listeners: new Set() };
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    const publish = (state: SlashMenuState | null) => {
      storage.state = state;
      for (const listener of storage.listeners) listener();
    };
    const fromProps = (props: SuggestionProps<SlashCommand, SlashCommand>, selected: number): SlashMenuState => ({
      items: props.items,
      selected: Math.min(selected, Math.max(props.items.length - 1, 0)),
      rect: props.clientRect?.() ?? null,
      choose: (command) => props.command(command),
    });

    return [
      Suggestion<SlashCommand, SlashCommand>({
        editor: this.editor,
        pluginKey: new PluginKey("slashCommand"),
        char: "/",
        // Only at the start of a line or after a space, and never inside code.
        allow: ({ state, range }) => {
          const $from = state.doc.resolve(range.from);
          return !$from.parent.type.spec.code;
        },
        items: ({ query }) => filterSlashCommands(query),
        command: ({ editor, range, props }) => props.run(editor, range),
        render: () => {
          let current: SuggestionProps<SlashCommand, SlashCommand> | null = null;
          return {
            onStart: (props) => {
              current = props;
              publish(fromProps(props, 0));
            },
            onUpdate: (props) => {
              current = props;
              publish(fromProps(props, 0));
            },
            onKeyDown: ({ event }) => {
              const state = storage.state;
              if (!state || !current) return false;
              if (event.key === "Escape") {
                publish(null);
                return true;
              }
              if (state.items.length === 0) return false;
              if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                const step = event.key === "ArrowDown" ? 1 : -1;
                publish({ ...state, selected: (state.selected + step + state.items.length) % state.items.length });
                return true;
              }
              if (event.key === "Enter" || event.key === "Tab") {
                const command = state.items[state.selected];
                if (command) state.choose(command);
                return true;
              }
              return false;
            },
            onExit: () => {
              current = null;
              publish(null);
            },
          };
        },
      }),
    ];
  },
});
