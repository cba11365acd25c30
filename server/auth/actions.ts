"use server";
// Form actions for signing up, in and out. They return field-level messages the form shows
// next to the input that caused them; success redirects.
import "server-only";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { sameSitePathOr } from "@/lib/same-site-path";
import { magicLinkInput, signUpInput } from "@/lib/schemas/auth";
import { consumeRateLimit, RATE_LIMITS } from "../services/rate-limit";
import { registerUser } from "../services/users";
import { clientAddress } from "./client-address";
import { signIn, signOut, type SignInFailure } from "./config";

export type AuthFormState = {
  fieldErrors?: Partial<Record<"name" | "email" | "password", string>>;
  formError?: string;
  notice?: string;
  values?: { name?: string; email?: string };
};

const SIGN_IN_MESSAGES: Record<SignInFailure, AuthFormState> = {
  invalid_input: { fieldErrors: { email: "Enter your email and password." } },
  unknown_email: { fieldErrors: { email: "No account uses this email. Check it, or create an account." } },
  wrong_password: { fieldErrors: { password: "That password is not right. Try again, or email yourself a sign-in link." } },
  no_password: { fieldErrors: { password: "This account signs in without a password. Email yourself a sign-in link." } },
  rate_limited: { formError: "Too many attempts. Wait 15 minutes, or email yourself a sign-in link." },
};

/** Only same-site paths, so a crafted link cannot bounce a fresh session to another site. */
function safeRedirect(target: FormDataEntryValue | null): string {
  return sameSitePathOr(target, "/studio");
}

function firstErrors(error: z.ZodError): AuthFormState["fieldErrors"] {
  const fields = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(Object.entries(fields).map(([key, messages]) => [key, messages?.[0]]));
}

function text(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
}

async function signInWithPassword(email: string, password: string, target: string): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      const reason = (error as AuthError & { code?: string }).code as SignInFailure | undefined;
      return { ...(SIGN_IN_MESSAGES[reason ?? "invalid_input"] ?? SIGN_IN_MESSAGES.invalid_input), values: { email } };
    }
    throw error;
  }
  redirect(target);
}

export async function signInAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = text(form, "email").trim();
  const password = text(form, "password");
  if (!email) return { fieldErrors: { email: "Enter your email address." }, values: { email } };
  if (!password) return { fieldErrors: { password: "Enter your password." }, values: { email } };
  return signInWithPassword(email, password, safeRedirect(form.get("redirectTo")));
}

export async function signUpAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { name: text(form, "name"), email: text(form, "email") };
  const parsed = signUpInput.safeParse({ ...values, password: text(form, "password") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error), values };
  const db = getDb();
  const limit = await consumeRateLimit(db, `signup:ip:${clientAddress(await headers())}`, RATE_LIMITS.signUpPerAddress);
  if (!limit.allowed) return { formError: "Too many new accounts from this network. Try again in an hour.", values };
  try {
    await registerUser(db, parsed.data);
  } catch (error) {
    if (isAppError(error)) {
      return error.field ? { fieldErrors: { [error.field]: error.message }, values } : { formError: error.message, values };
    }
    throw error;
  }
  return signInWithPassword(parsed.data.email, parsed.data.password, safeRedirect(form.get("redirectTo")));
}

export async function magicLinkAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = magicLinkInput.safeParse({ email: text(form, "email") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error), values: { email: text(form, "email") } };
  const { email } = parsed.data;
  const limit = await consumeRateLimit(getDb(), `magic:email:${email}`, RATE_LIMITS.magicLinkPerEmail);
  if (!limit.allowed) return { formError: "We sent several links already. Check your inbox, or wait 15 minutes.", values: { email } };
  await signIn("email", { email, redirect: false, redirectTo: safeRedirect(form.get("redirectTo")) });
  return { notice: `We emailed a sign-in link to ${email}. It works once, for 24 hours.`, values: { email } };
}

export async function oauthSignInAction(form: FormData): Promise<void> {
  const provider = text(form, "provider");
  await signIn(provider, { redirectTo: safeRedirect(form.get("redirectTo")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
