// Who is asking, once per request, read from the session cookie with what the access policy needs
// of them (./session-viewer.ts). A session that could not be looked up is an outage, never a
// sign-out: reading it as "signed out" answered a creator's autosave 401 and sent the studio to
// the sign-in page while the database was down.
// NOTE: not Auth.js's auth(): it runs Auth.js's whole request path for every page and reads only
// the session and user, so the policy then needed two more lookups (own creator page,
// memberships). Auth.js still signs people in and out and writes the sessions read here.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { databaseOutage, getDb } from "@/db/client";
import { sessionTokenOf } from "@/lib/session-cookie";
import { siteOrigin } from "../http/site-origin";
import type { Viewer } from "../services/context";
import { sessionViewer } from "./session-viewer";

/** The signed-in viewer, or null; throws UNAVAILABLE (503) when the session cannot be looked up. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const jar = await cookies();
  const token = sessionTokenOf((name) => jar.get(name)?.value, siteOrigin().startsWith("https:"));
  if (!token) return null;
  try {
    return await sessionViewer(getDb(), token, new Date());
  } catch (error) {
    throw databaseOutage(error) ?? error;
  }
});
