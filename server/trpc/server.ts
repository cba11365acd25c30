// Server components call tRPC in-process: a caller for data, or prefetch + hydrate for clients.
import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { makeQueryClient } from "@/lib/query-client";
import { createTRPCContext } from "./init";
import { appRouter, createCaller } from "./root";

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  ctx: createTRPCContext,
  router: appRouter,
  queryClient: getQueryClient,
});

export const caller = createCaller(createTRPCContext);
