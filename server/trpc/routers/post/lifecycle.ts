import "server-only";
import { postByIdInput } from "@/lib/schemas/post";
import { postTransitionInput, schedulePostInput } from "@/lib/schemas/post-lifecycle";
import {
  archivePost,
  duplicatePostAsDraft,
  restorePostFromTrash,
  schedulePost,
  trashPost,
  unarchivePost,
  unpublishPost,
  unschedulePost,
} from "../../../services/posts/lifecycle";
import { createTRPCRouter, creatorProcedure } from "../../init";

const transition = creatorProcedure.input(postTransitionInput);

export const postLifecycleRouter = createTRPCRouter({
  schedule: creatorProcedure.input(schedulePostInput).mutation(({ ctx, input }) => schedulePost(ctx, input)),
  unschedule: transition.mutation(({ ctx, input }) => unschedulePost(ctx, input)),
  unpublish: transition.mutation(({ ctx, input }) => unpublishPost(ctx, input)),
  archive: transition.mutation(({ ctx, input }) => archivePost(ctx, input)),
  unarchive: transition.mutation(({ ctx, input }) => unarchivePost(ctx, input)),
  trash: transition.mutation(({ ctx, input }) => trashPost(ctx, input)),
  restore: transition.mutation(({ ctx, input }) => restorePostFromTrash(ctx, input)),
  duplicate: creatorProcedure.input(postByIdInput).mutation(({ ctx, input }) => duplicatePostAsDraft(ctx, input)),
});
