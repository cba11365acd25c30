// Who may comment, in the words the studio offers it.
import type { CommentAccess } from "./schemas/community";

export type { CommentAccess };

export const COMMENT_ACCESS_CHOICES: readonly { value: CommentAccess; label: string }[] = [
  { value: "readers", label: "Everyone who can read the whole post" },
  { value: "paid", label: "Only members of a paid tier" },
  { value: "off", label: "Nobody: comments off" },
];
