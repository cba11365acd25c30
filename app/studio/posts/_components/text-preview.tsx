"use client";
// A post's text as readable paragraphs, for comparing versions without rendering HTML in the browser.
import { documentPlainText } from "@/lib/document/text";
import type { PostDocument } from "@/lib/document/validate";

export function TextPreview({ title, document }: { title: string; document: PostDocument }) {
  const blocks = documentPlainText(document).split("\n\n").filter(Boolean);
  return (
    <div className="font-serif">
      <p className="text-xl font-bold">{title || <span className="text-faint">Untitled</span>}</p>
      {blocks.length === 0 ? (
        <p className="mt-3 text-faint">No text.</p>
      ) : (
        blocks.map((block, i) => (
          <p key={i} className="mt-3 whitespace-pre-wrap leading-relaxed">
            {block}
          </p>
        ))
      )}
    </div>
  );
}
