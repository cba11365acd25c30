// Comments and likes. Reading is open (the service asks the access policy what each viewer may
// see); writing needs a signed-in viewer the policy lets read the whole post.
import "server-only";
import {
  addCommentInput,
  commentIdInput,
  commentsInput,
  editCommentInput,
  likeCommentInput,
  likePostInput,
  pinCommentInput,
} from "@/lib/schemas/community";
import {
  addComment,
  commentHistory,
  deleteComment,
  editComment,
  likeComment,
  likePost,
  listComments,
  pinComment,
} from "../../services/community/comments";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../init";

export const communityRouter = createTRPCRouter({
  comments: publicProcedure.input(commentsInput).query(({ ctx, input }) => listComments(ctx, input)),
  addComment: protectedProcedure.input(addCommentInput).mutation(({ ctx, input }) => addComment(ctx, input)),
  editComment: protectedProcedure.input(editCommentInput).mutation(({ ctx, input }) => editComment(ctx, input)),
  commentHistory: protectedProcedure.input(commentIdInput).query(({ ctx, input }) => commentHistory(ctx, input)),
  deleteComment: protectedProcedure.input(commentIdInput).mutation(({ ctx, input }) => deleteComment(ctx, input)),
  pinComment: protectedProcedure.input(pinCommentInput).mutation(({ ctx, input }) => pinComment(ctx, input)),
  likeComment: protectedProcedure.input(likeCommentInput).mutation(({ ctx, input }) => likeComment(ctx, input)),
  likePost: protectedProcedure.input(likePostInput).mutation(({ ctx, input }) => likePost(ctx, input)),
});
