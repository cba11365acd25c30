import "server-only";
import { postAccessByIdInput, setDefaultAccessInput, setPostAccessInput, viewAsInput } from "@/lib/schemas/post-access";
import { setDefaultCommentAccessInput } from "@/lib/schemas/community";
import {
  getDefaultAccess,
  getPostAccess,
  previewPostAs,
  setDefaultAccess,
  setDefaultCommentAccess,
  setPostAccess,
} from "../../../services/posts/access-settings";
import { createTRPCRouter, creatorProcedure } from "../../init";

export const postAccessRouter = createTRPCRouter({
  get: creatorProcedure.input(postAccessByIdInput).query(({ ctx, input }) => getPostAccess(ctx, input)),
  set: creatorProcedure.input(setPostAccessInput).mutation(({ ctx, input }) => setPostAccess(ctx, input)),
  defaultAccess: creatorProcedure.query(({ ctx }) => getDefaultAccess(ctx)),
  setDefault: creatorProcedure.input(setDefaultAccessInput).mutation(({ ctx, input }) => setDefaultAccess(ctx, input)),
  setDefaultComments: creatorProcedure
    .input(setDefaultCommentAccessInput)
    .mutation(({ ctx, input }) => setDefaultCommentAccess(ctx, input)),
  viewAs: creatorProcedure.input(viewAsInput).query(({ ctx, input }) => previewPostAs(ctx, input.postId, input.as)),
});
