// The service context for a request, outside tRPC: route handlers, server components and the tRPC
// init all build theirs here. Channels that are the same for everyone (feeds, sitemap, one-click
// unsubscribe) and webhooks take the anonymous one and never read a session.
import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { getViewer } from "../auth/viewer";
import type { ServiceContext } from "../services/context";

/** Nobody signed in, whoever asks: no cookie is read, so the answer may be shared. */
export function anonymousContext(now = new Date()): ServiceContext {
  return { db: getDb(), viewer: null, now };
}

/** As the signed-in viewer, if any; looked up once per request. */
export const requestContext = cache(
  async (): Promise<ServiceContext> => ({ db: getDb(), viewer: await getViewer(), now: new Date() }),
);
