// A post's history: the kept versions, one of them beside the current text, and restoring it.
import "server-only";
import { restoreRevisionInput, revisionInput, revisionsInput } from "@/lib/schemas/post";
import { getRevision, listRevisions, restoreRevision } from "../../../services/posts/revisions";
import { createTRPCRouter, creatorProcedure } from "../../init";

export const postRevisionsRouter = createTRPCRouter({
  list: creatorProcedure.input(revisionsInput).query(({ ctx, input }) => listRevisions(ctx, input)),
  get: creatorProcedure.input(revisionInput).query(({ ctx, input }) => getRevision(ctx, input)),
  restore: creatorProcedure.input(restoreRevisionInput).mutation(({ ctx, input }) => restoreRevision(ctx, input)),
});
