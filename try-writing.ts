import { renderDocumentHtml } from "@/lib/document/render";
import { validateDocument } from "@/lib/document/validate";
const id = "0192f0a0-1234-7abc-8def-0123456789ab";
const doc = { type: "doc", content: [
  { type: "image", attrs: { mediaId: id, alt: "A \"cat\"", caption: "Cap <b>", width: "wide", naturalWidth: 1200, naturalHeight: 800 } },
  { type: "gallery", content: [{ type: "galleryImage", attrs: { mediaId: id, alt: "a" } }, { type: "galleryImage", attrs: { mediaId: id } }] },
  { type: "audio", attrs: { mediaId: id, title: "Ep 1", durationSeconds: 185 } },
  { type: "video", attrs: { mediaId: id, posterMediaId: id, caption: "vid" } },
  { type: "video", attrs: { provider: "youtube", videoId: "dQw4w9WgXcQ" } },
  { type: "attachment", attrs: { mediaId: id, name: "notes.pdf", size: 1234567, mime: "application/pdf" } },
  { type: "embed", attrs: { provider: "vimeo", id: "76979871" } },
  { type: "taskList", content: [{ type: "taskItem", attrs: { checked: true }, content: [{ type: "paragraph", content: [{ type: "text", text: "done" }] }] }, { type: "taskItem", content: [{ type: "paragraph", content: [{ type: "text", text: "todo" }] }] }] },
  { type: "spoiler", content: [{ type: "paragraph", content: [{ type: "text", text: "secret" }] }] },
  { type: "paywallBreak" },
  { type: "paragraph", content: [{ type: "text", text: "after" }] },
]};
const r = validateDocument(doc);
console.log(r.ok ? "ok" : r);
if (r.ok) console.log(renderDocumentHtml(r.doc).replace(/></g, ">\n<"));
