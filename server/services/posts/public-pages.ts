// A post's change reaches its creator's cached public pages (server/cache/pages.ts): called after
// every committed change a reader could see. An early-access post changes once more, by itself,
// when it opens to everyone.
import "server-only";
import type { Db } from "@/db/client";
import { creatorPagesChanged } from "../../cache/pages";
import type { PostRow } from "./store";

export async function postPagesChanged(db: Db, post: Pick<PostRow, "creatorId" | "access" | "publicAt">): Promise<void> {
  await creatorPagesChanged(db, post.creatorId, { alsoAt: post.access === "early_access" ? post.publicAt : null });
}
