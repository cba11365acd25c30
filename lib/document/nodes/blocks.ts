// Writing blocks beyond StarterKit: task lists, the spoiler (a <details> readers open on click)
// and the paywall break (everything above it is the teaser once a post is gated).
import { Node } from "@tiptap/core";
import { TaskItem, TaskList } from "@tiptap/extension-list";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    spoiler: {
      /** Wraps the selected blocks in a spoiler, or unwraps them. */
      toggleSpoiler: () => ReturnType;
    };
    paywallBreak: {
      /** Inserts the paywall break after the current top-level block, followed by a paragraph. */
      insertPaywallBreak: () => ReturnType;
    };
  }
}

export const SPOILER_SUMMARY = "Spoiler: click to reveal";

export const DocumentTaskList = TaskList;

/**
 * The static page shows a disabled checkbox (readers cannot tick a creator's list). data-type and
 * data-checked stay so copying a list within the editor keeps it a task list.
 */
export const DocumentTaskItem = TaskItem.extend({
  renderHTML({ node }) {
    const checked = node.attrs.checked === true;
    return [
      "li",
      { "data-type": "taskItem", "data-checked": checked ? "true" : "false" },
      [
        "label",
        {},
        [
          "input",
          { type: "checkbox", checked: checked ? "checked" : null, disabled: "disabled", "aria-label": checked ? "Done" : "Not done" },
        ],
      ],
      ["div", {}, 0],
    ];
  },
}).configure({ nested: true });

export const Spoiler = Node.create({
  name: "spoiler",
  group: "block",
  content: "block+",
  defining: true,

  parseHTML() {
    return [{ tag: "details.spoiler", contentElement: "div.spoiler-body" }];
  },

  renderHTML() {
    return ["details", { class: "spoiler" }, ["summary", {}, SPOILER_SUMMARY], ["div", { class: "spoiler-body" }, 0]];
  },

  addCommands() {
    return {
      toggleSpoiler:
        () =>
        ({ commands }) =>
          commands.toggleWrap(this.name),
    };
  },
});

export const PaywallBreak = Node.create({
  name: "paywallBreak",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,

  parseHTML() {
    // Above horizontalRule's plain "hr" rule.
    return [{ tag: "hr.paywall-break", priority: 60 }];
  },

  renderHTML() {
    return ["hr", { class: "paywall-break" }];
  },

  addCommands() {
    return {
      insertPaywallBreak:
        () =>
        ({ state, chain }) => {
          // One per post, at the top level: validation refuses anything else, so never make it.
          let exists = false;
          state.doc.descendants((node) => {
            if (node.type.name === this.name) exists = true;
            return !exists;
          });
          if (exists) return false;
          const { $from } = state.selection;
          const after = $from.depth === 0 ? $from.pos : $from.after(1);
          // A paragraph after the atom: typing right after inserting an atom would replace it.
          return chain()
            .insertContentAt(after, [{ type: this.name }, { type: "paragraph" }])
            .setTextSelection(after + 2)
            .scrollIntoView()
            .run();
        },
    };
  },
});
