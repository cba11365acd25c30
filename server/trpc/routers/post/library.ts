import "server-only";
import { bulkAddTagInput, bulkPostsInput, libraryListInput } from "@/lib/schemas/post-library";
import { bulkAddTag, bulkArchive, bulkTrash, listLibrary } from "../../../services/posts/library";
import { listOwnTags } from "../../../services/posts/tags";
import { createTRPCRouter, creatorProcedure } from "../../init";

export const postLibraryRouter = createTRPCRouter({
  list: creatorProcedure.input(libraryListInput).query(({ ctx, input }) => listLibrary(ctx, input)),
  tags: creatorProcedure.query(({ ctx }) => listOwnTags(ctx)),
  addTag: creatorProcedure.input(bulkAddTagInput).mutation(({ ctx, input }) => bulkAddTag(ctx, input)),
  archive: creatorProcedure.input(bulkPostsInput).mutation(({ ctx, input }) => bulkArchive(ctx, input)),
  trash: creatorProcedure.input(bulkPostsInput).mutation(({ ctx, input }) => bulkTrash(ctx, input)),
});
