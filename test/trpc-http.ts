// The procedures as a browser reaches them: tRPC's own client, with the app's transformer, sending
// real HTTP requests to tRPC's fetch handler on the app router, in-process. What a test reads off a
// refusal (status, message, code, field) is exactly what the browser receives.
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import type { Db } from "@/db/client";
import { appRouter, type AppRouter } from "@/server/trpc/root";
import { serviceContext, type ViewerLike } from "./db";
import { caught } from "./errors";

/** A client whose requests carry `viewer`'s identity, as the session cookie would. */
export function httpClient(viewer: ViewerLike = null, db?: Db) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://atelier.test/api/trpc",
        transformer: superjson,
        fetch: (url, init) =>
          fetchRequestHandler({
            endpoint: "/api/trpc",
            req: new Request(url, init as RequestInit),
            router: appRouter,
            createContext: () => serviceContext({ viewer, db }),
          }),
      }),
    ],
  });
}

export type HttpRefusal = {
  /** The response's HTTP status. */
  status: number;
  message: string;
  /** The error shape's data: tRPC code, httpStatus, and the app's appCode, field and fieldErrors. */
  data: NonNullable<TRPCClientError<AppRouter>["data"]>;
};

/** What the browser gets for a refused call; fails the test if the call succeeds. */
export async function refusedOverHttp(call: Promise<unknown>): Promise<HttpRefusal> {
  const error = await caught(call);
  if (!(error instanceof TRPCClientError)) throw error;
  const refusal = error as TRPCClientError<AppRouter>;
  const response = (refusal.meta as { response?: Response } | undefined)?.response;
  if (!response || !refusal.data) throw new Error(`No HTTP error response: ${refusal.message}`);
  return { status: response.status, message: refusal.message, data: refusal.data };
}
