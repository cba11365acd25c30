// Server components call tRPC in-process: a caller for data, or prefetch + hydrate for clients.
import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ZodError } from "zod";
import { makeQueryClient } from "@/lib/query-client";
import { createTRPCContext } from "./init";
import { appRouter, createCaller } from "./root";

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  ctx: createTRPCContext,
  router: appRouter,
  queryClient: getQueryClient,
});

/**
 * Pages call procedures with what their address holds. An address that cannot even be valid input
 * (a NUL in a handle, a slug longer than any slug) names no page: a 404, like any missing one.
 */
export const caller = createCaller(createTRPCContext, {
  onError: ({ error }) => {
    // Only the input check itself: a service's own refusal (an expired link, say) is the page's to show.
    if (error.code === "BAD_REQUEST" && error.cause instanceof ZodError) notFound();
  },
});
