// The root router: one sub-router per domain, nested by concept (post.lifecycle.*, membership.tiers.*).
import "server-only";
import { createCallerFactory, createTRPCRouter } from "./init";
import { analyticsRouter } from "./routers/analytics";
import { communityRouter } from "./routers/community";
import { creatorRouter } from "./routers/creator";
import { discoveryRouter } from "./routers/discovery";
import { membershipRouter } from "./routers/membership";
import { operationsRouter } from "./routers/operations";
import { postRouter } from "./routers/post";

export const appRouter = createTRPCRouter({
  creator: creatorRouter,
  post: postRouter,
  membership: membershipRouter,
  operations: operationsRouter,
  discovery: discoveryRouter,
  community: communityRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
