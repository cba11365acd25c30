// The root router: one sub-router per domain.
import { createCallerFactory, createTRPCRouter } from "./init";
import { creatorRouter } from "./routers/creator";
import { postRouter } from "./routers/post";

export const appRouter = createTRPCRouter({
  creator: creatorRouter,
  post: postRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
