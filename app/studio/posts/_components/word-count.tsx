"use client";
// The word count and reading time in the corner. Counted from the document like the server does,
// so the two never disagree; at most once a second while typing, since counting walks the whole
// document and a keystroke must not.
import type { Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { countWords, readingMinutes } from "@/lib/document/text";
import type { PostDocument } from "@/lib/document/validate";

const RECOUNT_MS = 1000;

const count = (editor: Editor) => countWords(editor.getJSON() as PostDocument);

export function WordCount({ editor }: { editor: Editor }) {
  const [words, setWords] = useState(() => count(editor));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Transactions, not updates: text replaced by the save queue (a restore, the other version in a
    // conflict) is not an edit, but it changes the count.
    const changed = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!editor.isDestroyed) setWords(count(editor));
      }, RECOUNT_MS);
    };
    editor.on("transaction", changed);
    return () => {
      editor.off("transaction", changed);
      clearTimeout(timer);
    };
  }, [editor]);

  return (
    <p className="fixed bottom-3 right-4 rounded-full bg-card/90 px-3 py-1 text-xs text-muted shadow-sm">
      {words.toLocaleString("en")} {words === 1 ? "word" : "words"}
      {words > 0 && <> · {readingMinutes(words)} min read</>}
    </p>
  );
}
