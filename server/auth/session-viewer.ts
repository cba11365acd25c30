// The signed-in viewer from their session cookie's token, in one statement: the session, the
// creator page they own and their memberships, which is all the access policy asks about a viewer.
// A signed-in page view so reads who is asking, and what they may see, once.
import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, memberships, sessions, tiers } from "@/db/schema";
import type { Entitlement } from "../services/access/policy";
import type { Viewer } from "../services/context";

/** How long a session lasts from its last extension (Auth.js writes sessions with this). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** A live session is extended at most this often, as Auth.js's own session lookup does. */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

type EntitlementJson = Omit<Entitlement, "currentPeriodEnd"> & { currentPeriodEnd: string | null };

/** Every non-expired membership of the session's user, with whether its tier is paid, as JSON. */
const entitlementsOfSessionUser = sql<EntitlementJson[]>`coalesce((
  select json_agg(json_build_object(
    'creatorId', ${memberships.creatorId},
    'tierId', ${memberships.tierId},
    'paid', ${tiers.monthlyPrice} > 0,
    'status', ${memberships.status},
    'currentPeriodEnd', ${memberships.currentPeriodEnd}
  ))
  from ${memberships} inner join ${tiers} on ${tiers.id} = ${memberships.tierId}
  where ${memberships.userId} = ${sessions.userId} and ${memberships.status} <> 'expired'
), '[]'::json)`;

/**
 * The viewer whose live session `token` is, with what the access policy needs of them, or null
 * when there is no such session (never was, signed out, expired). A session within a day of its
 * last extension is extended, as Auth.js would. Database errors are thrown: a lookup that failed
 * is not a sign-out.
 */
export async function sessionViewer(db: Db, token: string, now: Date): Promise<Viewer | null> {
  const [row] = await db
    .select({ userId: sessions.userId, expires: sessions.expires, creatorId: creators.id, entitlements: entitlementsOfSessionUser })
    .from(sessions)
    .leftJoin(creators, eq(creators.userId, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, now)))
    .limit(1);
  if (!row) return null;
  const extendFrom = row.expires.getTime() - (SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS) * 1000;
  if (extendFrom <= now.getTime()) {
    await db
      .update(sessions)
      .set({ expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
      .where(eq(sessions.sessionToken, token));
  }
  return {
    userId: row.userId,
    access: {
      creatorId: row.creatorId,
      entitlements: row.entitlements.map((each) => ({
        ...each,
        currentPeriodEnd: each.currentPeriodEnd === null ? null : new Date(each.currentPeriodEnd),
      })),
    },
  };
}
