// The browser editor's extension list: the document schema from lib/document plus what only the
// editor needs (placeholder, "/" menu, markdown paste, in-editor views of spoilers, the paywall
// break with who can read below it, images and galleries). Node views change how a node looks
// while editing, never the schema.
import type { Extensions, AnyExtension } from "@tiptap/core";
import { Placeholder } from "@tiptap/extensions";
import { Markdown } from "@tiptap/markdown";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { documentExtensions } from "@/lib/document/extensions";
import { galleryNodeView } from "./editor/gallery-view";
import { ImageView } from "./editor/image-view";
import { MarkdownPaste } from "./editor/markdown-paste";
import { paywallNodeView } from "./editor/paywall-view";
import { LinkShortcut, SlashCommandExtension } from "./editor/slash-commands";

function spoilerView() {
  const dom = document.createElement("div");
  dom.className = "editor-spoiler";
  const label = document.createElement("div");
  label.className = "editor-spoiler-label";
  label.contentEditable = "false";
  label.textContent = "Spoiler — readers click to reveal";
  const contentDOM = document.createElement("div");
  contentDOM.className = "spoiler-body";
  dom.append(label, contentDOM);
  return { dom, contentDOM };
}

// Same names, so the schema is unchanged; only the editing view differs.
const editorViews: Record<string, (extension: AnyExtension) => AnyExtension> = {
  spoiler: (extension) => extension.extend({ addNodeView: () => spoilerView }),
  paywallBreak: (extension) => extension.extend({ addNodeView: paywallNodeView }),
  image: (extension) => extension.extend({ addNodeView: () => ReactNodeViewRenderer(ImageView) }),
  gallery: (extension) => extension.extend({ addNodeView: galleryNodeView }),
};

export const editorExtensions: Extensions = [
  ...documentExtensions.map((extension) => editorViews[extension.name]?.(extension) ?? extension),
  Placeholder.configure({ placeholder: "Write something worth reading…" }),
  SlashCommandExtension,
  LinkShortcut,
  Markdown,
  MarkdownPaste,
];
