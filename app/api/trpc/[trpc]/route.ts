import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { isSameOrigin } from "@/server/http/same-origin";
import { createTRPCContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(request: Request) {
  // CSRF: session cookies are SameSite=Lax already; refusing cross-origin writes is the second lock.
  if (request.method !== "GET" && !isSameOrigin(request)) {
    return Response.json({ error: { message: "Cross-origin requests are not allowed." } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: createTRPCContext,
    responseMeta() {
      // Responses depend on the session: never let a shared cache keep them.
      return { headers: new Headers({ "cache-control": "private, no-store" }) };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
