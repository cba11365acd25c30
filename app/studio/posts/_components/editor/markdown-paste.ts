// Pasting markdown as formatted text: plain-text clipboard content that looks like markdown is
// parsed with @tiptap/markdown, made to fit our schema, validated, then inserted.
import { Extension, type JSONContent } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { isSafeUrl, validateDocument } from "@/lib/document";

// Block syntax at a line start, or inline emphasis, code or links anywhere.
const MARKDOWN_HINT =
  /^(#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s|>\s?|```|~~~|\s*[-*+]\s\[[ xX]\]\s|---\s*$|\*\*\*\s*$)|\*\*[^*\n]+\*\*|__[^_\n]+__|~~[^~\n]+~~|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\)/m;

export function looksLikeMarkdown(text: string): boolean {
  return MARKDOWN_HINT.test(text);
}

// Markdown has six heading levels and any link target; our posts have H2–H4 and safe links only.
function fitSchema(node: JSONContent): JSONContent {
  const fitted: JSONContent = { ...node };
  if (node.type === "heading") {
    const level = typeof node.attrs?.level === "number" ? node.attrs.level : 2;
    fitted.attrs = { ...node.attrs, level: Math.min(4, Math.max(2, level)) };
  }
  if (node.marks) {
    fitted.marks = node.marks.filter(
      (mark) => mark.type !== "link" || (typeof mark.attrs?.href === "string" && isSafeUrl(mark.attrs.href)),
    );
    if (fitted.marks.length === 0) delete fitted.marks;
  }
  if (node.content) fitted.content = node.content.map(fitSchema);
  return fitted;
}

/** The blocks a markdown text becomes, or null when it does not make a valid post fragment. */
export function markdownToBlocks(parse: (markdown: string) => JSONContent, markdown: string): JSONContent[] | null {
  let parsed: JSONContent;
  try {
    parsed = fitSchema(parse(markdown));
  } catch {
    return null;
  }
  const checked = validateDocument({ type: "doc", content: parsed.content ?? [] });
  return checked.ok && checked.doc.content ? (checked.doc.content as JSONContent[]) : null;
}

export const MarkdownPaste = Extension.create({
  name: "markdownPaste",

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey("markdownPaste"),
        props: {
          handlePaste: (view, event) => {
            const text = event.clipboardData?.getData("text/plain") ?? "";
            const html = event.clipboardData?.getData("text/html") ?? "";
            // Rich clipboard content (from a web page or another editor) is parsed as HTML by the schema.
            if (text === "" || /<(p|h[1-6]|ul|ol|li|strong|b|em|i|a|blockquote|pre)[\s>]/i.test(html)) return false;
            if (view.state.selection.$from.parent.type.spec.code || !looksLikeMarkdown(text)) return false;
            const manager = editor.markdown;
            if (!manager) return false;
            const blocks = markdownToBlocks((markdown) => manager.parse(markdown), text);
            if (!blocks) return false;
            return editor.chain().focus().insertContent(blocks).run();
          },
        },
      }),
    ];
  },
});
