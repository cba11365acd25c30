// Accounts: registration and password checks. Sign-in sessions themselves belong to Auth.js.
import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { signUpInput, type SignUpInput } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./passwords";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "unknown_email" | "wrong_password" | "no_password" };

function emailTaken(): AppError {
  return new AppError(AppErrorCode.ALREADY_EXISTS, "An account with this email already exists. Sign in instead.", { field: "email" });
}

export async function registerUser(db: Db, input: SignUpInput) {
  const data = signUpInput.parse(input);
  const existing = await db.query.users.findFirst({ where: eq(users.email, data.email), columns: { id: true } });
  if (existing) throw emailTaken();
  const passwordHash = await hashPassword(data.password);
  const [user] = await db
    .insert(users)
    .values({ email: data.email, name: data.name, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name });
  // Lost a race with a simultaneous sign-up for the same email.
  if (!user) throw emailTaken();
  return user;
}

export async function checkCredentials(db: Db, email: string, password: string): Promise<CredentialsResult> {
  const user = await db.query.users.findFirst({
    where: eq(users.email, email.trim().toLowerCase()),
    columns: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!user) return { ok: false, reason: "unknown_email" };
  if (!user.passwordHash) return { ok: false, reason: "no_password" };
  if (!(await verifyPassword(password, user.passwordHash))) return { ok: false, reason: "wrong_password" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

export async function getUser(db: Db, id: string) {
  return db.query.users.findFirst({ where: eq(users.id, id), columns: { id: true, email: true, name: true } });
}
