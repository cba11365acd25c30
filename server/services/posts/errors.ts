// What a creator reads when an action on a post is refused: one set of words, the same from the
// editor, the library, the settings and the access panel.
import "server-only";
import { AppError, AppErrorCode } from "@/lib/errors";

export const postErrors = {
  /** Missing, deleted, or someone else's: ids reveal nothing, so all three read the same. */
  notFound: () => new AppError(AppErrorCode.NOT_FOUND, "This post does not exist or was deleted."),
  /** A selection (bulk actions) of which some post is missing, deleted or someone else's. */
  selectionGone: () =>
    new AppError(AppErrorCode.NOT_FOUND, "Some of the selected posts no longer exist. Reload the page and try again."),
  /** The caller's version is not the post's any more; the editor keeps both texts on this code. */
  changedElsewhere: () =>
    new AppError(AppErrorCode.CONFLICT, "This post was changed somewhere else since you opened it. Reload it and try again."),
  untitled: (before: "publishing" | "scheduling it") =>
    new AppError(AppErrorCode.INVALID_INPUT, `Give your post a title before ${before}.`, { field: "title" }),
  revisionNotFound: () => new AppError(AppErrorCode.NOT_FOUND, "This revision does not exist."),
};
