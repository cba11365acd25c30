// Who runs this instance: the signed-in users whose verified email is in OPERATOR_EMAILS. To
// anyone else the operator's view does not exist (NOT_FOUND, never FORBIDDEN).
import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { env } from "../../env";
import type { ServiceContext } from "../context";

/**
 * A password account can be opened under any address without proving it, so only a verified one
 * counts: the operator signs in once with an emailed link, which verifies the address.
 */
export async function isOperator(ctx: ServiceContext): Promise<boolean> {
  const operators = env().OPERATOR_EMAILS.map((email) => email.toLowerCase());
  if (!ctx.viewer || operators.length === 0) return false;
  const user = await ctx.db.query.users.findFirst({
    where: eq(users.id, ctx.viewer.userId),
    columns: { email: true, emailVerified: true },
  });
  return !!user?.emailVerified && operators.includes(user.email.toLowerCase());
}

export async function requireOperator(ctx: ServiceContext): Promise<void> {
  if (!(await isOperator(ctx))) throw new AppError(AppErrorCode.NOT_FOUND, "This page does not exist.");
}
