// Who is asking, once per request. A session that could not be looked up is an outage, never a
// sign-out: reading it as "signed out" answered a creator's autosave 401 and sent the studio to
// the sign-in page while the database was down.
import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { cookies } from "next/headers";
import { cache } from "react";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseOutage, getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { SESSION_COOKIES } from "@/lib/session-cookie";
import type { Viewer } from "../services/context";
import { auth } from "./config";

/** The signed-in viewer, or null; throws UNAVAILABLE (503) when the session cannot be looked up. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (id) return { userId: id };
  await confirmSignedOut();
  return null;
});

/**
 * NOTE: Auth.js answers "no session" both when there is none and when looking it up failed (it
 * only logs the failure). Without a session cookie there is nothing to look up; with one, we ask
 * once more: a lookup that fails, or a session that exists after all, is an outage.
 */
async function confirmSignedOut(): Promise<void> {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!token) return;
  let live: unknown[];
  try {
    live = await getDb()
      .select({ token: sessions.sessionToken })
      .from(sessions)
      .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, new Date())))
      .limit(1);
  } catch (error) {
    throw databaseOutage(error) ?? error;
  }
  if (live.length > 0) throw new AppError(AppErrorCode.UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
}
