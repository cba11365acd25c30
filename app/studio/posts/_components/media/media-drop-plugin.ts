// Files dropped or pasted onto the editor go to the upload queue instead of being ignored (or
// pasted as a data URL). Registered at run time by MediaInsert, so the editor needs no setup.
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";

export const mediaDropKey = new PluginKey("atelierMediaDrop");

export function mediaDropPlugin(onFiles: (files: File[]) => void): Plugin {
  return new Plugin({
    key: mediaDropKey,
    props: {
      handleDrop(view, event, _slice, moved) {
        const files = Array.from(event.dataTransfer?.files ?? []);
        if (moved || files.length === 0) return false;
        event.preventDefault();
        // Place the caret where the files were dropped: they are inserted there when uploaded.
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        if (at) view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at.pos))));
        onFiles(files);
        return true;
      },
      handlePaste(_view, event) {
        const files = Array.from(event.clipboardData?.files ?? []);
        // Copying text from a word processor also puts a picture of it on the clipboard; when
        // there is text, the text is what was meant.
        if (files.length === 0 || event.clipboardData?.getData("text/plain")) return false;
        event.preventDefault();
        onFiles(files);
        return true;
      },
    },
  });
}
