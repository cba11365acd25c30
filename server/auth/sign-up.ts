// Signing up by emailed link. The form's answer is the same whether or not the address has an
// account, so it cannot be used to find out who does: a free address gets a link that finishes
// the sign-up, a taken one a sign-in link. Nothing is stored until the link is followed; the link
// itself carries the pending account (name, email, password hash), encrypted and dated, so the
// password chosen on the form is the one the account gets, and no one can set it in advance for
// an address that is not theirs.
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { sameSitePathOr } from "@/lib/same-site-path";
import { signUpInput, type SignUpInput } from "@/lib/schemas/auth";
import { siteUrl } from "../http/site-origin";
import { hashPassword } from "../services/passwords";
import { accountExists, createAccount } from "../services/users";
import { authSubkey } from "./secret";
import { sendSignInMail, signUpLinkMessage } from "./sign-in-mail";

export const SIGN_UP_LINK_HOURS = 24;
const VERSION = "v1";

const pendingSignUp = z
  .object({
    email: z.string(),
    name: z.string(),
    passwordHash: z.string(),
    redirectTo: z.string(),
    expiresAt: z.number(),
  })
  .strict();

type PendingSignUp = z.infer<typeof pendingSignUp>;

function seal(pending: PendingSignUp): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", authSubkey("sign-up link"), iv);
  cipher.setAAD(Buffer.from(VERSION));
  const body = Buffer.concat([cipher.update(JSON.stringify(pending), "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

function unseal(token: string): PendingSignUp | null {
  const [version, packed] = token.split(".");
  if (version !== VERSION || !packed) return null;
  const bytes = Buffer.from(packed, "base64url");
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", authSubkey("sign-up link"), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const json = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
    const parsed = pendingSignUp.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    // Altered, truncated, or sealed with another secret.
    return null;
  }
}

function linkNotValid(): AppError {
  return new AppError(AppErrorCode.INVALID_INPUT, "This link has expired or is not complete. Create your account again to get a new one.");
}

function linkUsed(): AppError {
  return new AppError(AppErrorCode.ALREADY_EXISTS, "This address has an account now. Sign in with your password or a sign-in link.");
}

/** What the link's page shows before it is followed: the account it creates, and where it leads. */
export function readSignUpLink(token: string, now: Date = new Date()): { email: string; name: string; redirectTo: string } | null {
  const pending = unseal(token);
  if (!pending || pending.expiresAt <= now.getTime()) return null;
  return { email: pending.email, name: pending.name, redirectTo: pending.redirectTo };
}

/**
 * Emails the link that finishes the sign-up, or says "existing" when the address has an account
 * (the caller then sends it a sign-in link, so both cases mail the address and read the same).
 * The password is hashed either way, so the two answers take as long.
 * Throws SignInMailRefused when the address has had enough links lately.
 */
export async function startSignUp(
  db: Db,
  input: SignUpInput,
  request: { address: string; redirectTo: string },
  now: Date = new Date(),
): Promise<"link-sent" | "existing"> {
  const data = signUpInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  if (await accountExists(db, data.email)) return "existing";
  const token = seal({
    email: data.email,
    name: data.name,
    passwordHash,
    redirectTo: sameSitePathOr(request.redirectTo, "/studio"),
    expiresAt: now.getTime() + SIGN_UP_LINK_HOURS * 60 * 60 * 1000,
  });
  const url = siteUrl(`/login/finish?${new URLSearchParams({ token })}`);
  await sendSignInMail(db, signUpLinkMessage(data.email, url), { address: request.address }, now);
  return "link-sent";
}

/** Creates the account the link describes, its email proven by the link; once only. */
export async function finishSignUp(db: Db, token: string, now: Date = new Date()) {
  const pending = unseal(token);
  if (!pending || pending.expiresAt <= now.getTime()) throw linkNotValid();
  try {
    const user = await createAccount(db, { email: pending.email, name: pending.name, passwordHash: pending.passwordHash }, now);
    return { user, redirectTo: pending.redirectTo };
  } catch (error) {
    if (error instanceof AppError && error.code === AppErrorCode.ALREADY_EXISTS) throw linkUsed();
    throw error;
  }
}
