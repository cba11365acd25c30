// Text made safe to place inside HTML text or a quoted attribute, for the few places that build
// HTML as strings (stored teasers, emails). Everything else renders through React or the document
// renderer, which escape on their own.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
