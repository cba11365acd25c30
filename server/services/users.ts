// Accounts: registration and password checks. Sign-in sessions themselves belong to Auth.js.
import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { signUpInput, type SignUpInput } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./passwords";

/**
 * One answer for every failure: an unknown email, a wrong password and an account that signs in
 * without one all read the same, so a sign-in form cannot be used to learn who has an account.
 */
export type CredentialsResult = { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false };

export type NewAccount = { email: string; name: string; passwordHash: string };

function emailTaken(): AppError {
  return new AppError(AppErrorCode.ALREADY_EXISTS, "An account with this email already exists. Sign in instead.", { field: "email" });
}

/** Stores an account whose password is already hashed; `verifiedAt` when the email was proven. */
export async function createAccount(db: Db, account: NewAccount, verifiedAt: Date | null = null) {
  const [user] = await db
    .insert(users)
    .values({ ...account, emailVerified: verifiedAt })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name });
  // The email is taken, perhaps by a simultaneous sign-up.
  if (!user) throw emailTaken();
  return user;
}

/**
 * Creates an account straight away, for the demo seed, scripts and tests. People sign up through
 * the emailed link instead (server/auth/sign-up.ts), which proves the address is theirs.
 */
export async function registerUser(db: Db, input: SignUpInput) {
  const data = signUpInput.parse(input);
  if (await accountExists(db, data.email)) throw emailTaken();
  return createAccount(db, { email: data.email, name: data.name, passwordHash: await hashPassword(data.password) });
}

export async function accountExists(db: Db, email: string): Promise<boolean> {
  const existing = await db.query.users.findFirst({ where: eq(users.email, email.trim().toLowerCase()), columns: { id: true } });
  return existing !== undefined;
}

// NOTE: an email without an account (or without a password) is still checked against a hash of the
// same cost, so the answer takes as long as a wrong password and its timing tells nothing either.
let standIn: Promise<string> | undefined;
function standInHash(): Promise<string> {
  standIn ??= hashPassword("no account uses this address");
  return standIn;
}

export async function checkCredentials(db: Db, email: string, password: string): Promise<CredentialsResult> {
  const user = await db.query.users.findFirst({
    where: eq(users.email, email.trim().toLowerCase()),
    columns: { id: true, email: true, name: true, passwordHash: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await standInHash()));
  if (!user?.passwordHash || !matches) return { ok: false };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

export async function getUser(db: Db, id: string) {
  return db.query.users.findFirst({ where: eq(users.id, id), columns: { id: true, email: true, name: true } });
}
