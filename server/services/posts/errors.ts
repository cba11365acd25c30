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
  /**
   * NOTE: a public post shows everything, so a paywall break in it would give the part below it to
   * everyone. Refused wherever text goes live (publish, Update, schedule, the scheduled publish, a
   * live post made public), on the field the fix is on: who can read it.
   */
  publicWithBreak: (action: "publishing" | "updating" | "scheduling it" | "making it public") =>
    new AppError(
      AppErrorCode.INVALID_INPUT,
      action === "making it public"
        ? "This post has a paywall break, so making it public would show everyone what is below the break. Remove the break first, or keep it for members."
        : `This post is public, so everyone could read what is below the paywall break. Choose who can read it in Settings, or remove the break, before ${action}.`,
      { field: "access" },
    ),
  revisionNotFound: () => new AppError(AppErrorCode.NOT_FOUND, "This revision does not exist."),
};
