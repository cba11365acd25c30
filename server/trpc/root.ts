// The root router: one sub-router per domain.
import { createCallerFactory, createTRPCRouter } from "./init";
import { creatorRouter } from "./routers/creator";
import { mediaRouter } from "./routers/media";
import { membershipRouter } from "./routers/membership";
import { notificationRouter } from "./routers/notification";
import { postRouter } from "./routers/post";
import { postAccessRouter } from "./routers/post-access";
import { postReadRouter } from "./routers/post-read";
import { postLibraryRouter } from "./routers/post-library";
import { postLifecycleRouter } from "./routers/post-lifecycle";
import { searchRouter } from "./routers/search";
import { tierRouter } from "./routers/tier";

export const appRouter = createTRPCRouter({
  creator: creatorRouter,
  post: postRouter,
  postAccess: postAccessRouter,
  postRead: postReadRouter,
  postLifecycle: postLifecycleRouter,
  postLibrary: postLibraryRouter,
  tier: tierRouter,
  membership: membershipRouter,
  notification: notificationRouter,
  search: searchRouter,
  media: mediaRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
