// Which creators a fan hears from by email: the per-creator opt-out, changed from the memberships
// page (signed in) or by the one-click link in every email (a signed token, no sign-in needed).
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, emailOptOuts, users } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { setCreatorEmailsInput, unsubscribeTokenSchema, type SetCreatorEmailsInput } from "@/lib/schemas/notification";
import { authSecret } from "../../auth/secret";
import { requireViewer, type ServiceContext } from "../context";

// NOTE: a purpose prefix, so a signature made here can never be replayed as another kind of token
// signed with the same secret.
const PURPOSE = "atelier:email-unsubscribe:v1";

function signature(payload: string): Buffer {
  return createHmac("sha256", authSecret()).update(`${PURPOSE}\n${payload}`).digest();
}

/** The token in an email's unsubscribe link: who, from which creator, and a signature. */
export function unsubscribeToken(userId: string, creatorId: string): string {
  const payload = `${userId}:${creatorId}`;
  return `${Buffer.from(payload).toString("base64url")}.${signature(payload).toString("base64url")}`;
}

function invalidToken(): AppError {
  return new AppError(
    AppErrorCode.INVALID_INPUT,
    "This unsubscribe link is not valid. Open it again from the email, or turn emails off on your memberships page.",
    { field: "token" },
  );
}

function verifyToken(token: string): { userId: string; creatorId: string } {
  const parsed = unsubscribeTokenSchema.safeParse(token);
  if (!parsed.success) throw invalidToken();
  const [encoded, signed, ...rest] = parsed.data.split(".");
  if (!encoded || !signed || rest.length > 0) throw invalidToken();
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const given = Buffer.from(signed, "base64url");
  const expected = signature(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
  const [userId, creatorId] = payload.split(":");
  if (!userId || !creatorId) throw invalidToken();
  return { userId, creatorId };
}

export type UnsubscribeResult = { creator: { handle: string; displayName: string } };

/**
 * Whom a link's token names, without changing anything: the page a link opens asks for a click
 * first, because mail scanners open links on their own and must not unsubscribe anybody.
 */
export async function describeUnsubscribeToken(db: Db, token: string): Promise<UnsubscribeResult & { userId: string; creatorId: string }> {
  const { userId, creatorId } = verifyToken(token);
  const [creator] = await db
    .select({ handle: creators.handle, displayName: creators.displayName })
    .from(creators)
    .where(eq(creators.id, creatorId));
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!creator || !user) {
    throw new AppError(AppErrorCode.NOT_FOUND, "This account or creator no longer exists, so there is nothing to unsubscribe from.");
  }
  return { creator, userId, creatorId };
}

/** Turns off a creator's emails for the token's fan. Repeating it changes nothing. */
export async function unsubscribeByToken(db: Db, token: string): Promise<UnsubscribeResult> {
  const { creator, userId, creatorId } = await describeUnsubscribeToken(db, token);
  await db.insert(emailOptOuts).values({ userId, creatorId }).onConflictDoNothing();
  return { creator };
}

/** The creators whose emails the viewer turned off. */
export async function listOptedOutCreatorIds(ctx: ServiceContext): Promise<string[]> {
  requireViewer(ctx);
  const rows = await ctx.db
    .select({ creatorId: emailOptOuts.creatorId })
    .from(emailOptOuts)
    .where(eq(emailOptOuts.userId, ctx.viewer.userId));
  return rows.map((row) => row.creatorId);
}

export async function setCreatorEmails(ctx: ServiceContext, input: SetCreatorEmailsInput): Promise<{ creatorId: string; enabled: boolean }> {
  requireViewer(ctx);
  const data = setCreatorEmailsInput.parse(input);
  const [creator] = await ctx.db.select({ id: creators.id }).from(creators).where(eq(creators.id, data.creatorId));
  if (!creator) throw new AppError(AppErrorCode.NOT_FOUND, "This creator does not exist.", { field: "creatorId" });
  if (data.enabled) {
    await ctx.db
      .delete(emailOptOuts)
      .where(and(eq(emailOptOuts.userId, ctx.viewer.userId), eq(emailOptOuts.creatorId, creator.id)));
  } else {
    await ctx.db.insert(emailOptOuts).values({ userId: ctx.viewer.userId, creatorId: creator.id }).onConflictDoNothing();
  }
  return { creatorId: creator.id, enabled: data.enabled };
}
