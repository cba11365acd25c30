"use server";
// Form actions for signing up, in and out. They return field-level messages the form shows
// next to the input that caused them; success redirects. No answer depends on whether an account
// exists: a wrong password and an unknown email read the same, and so does signing up with a
// free address or a taken one.
import "server-only";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { sameSitePathOr } from "@/lib/same-site-path";
import { magicLinkInput, signUpInput } from "@/lib/schemas/auth";
import { clientAddress } from "./client-address";
import { signIn, signOut, type SignInFailure } from "./config";
import { SignInMailRefused } from "./sign-in-mail";
import { startSignUp } from "./sign-up";

/**
 * Actions are public endpoints: anyone can call one with any arguments, not only our forms. Ours
 * take form data only; anything else names no action we have (Next lets an action answer 401, 403
 * or 404, and 404 says the least).
 */
function requireForm(form: unknown): asserts form is FormData {
  if (!(form instanceof FormData)) notFound();
}

export type AuthFormState = {
  fieldErrors?: Partial<Record<"name" | "email" | "password", string>>;
  formError?: string;
  notice?: string;
  values?: { name?: string; email?: string };
};

const SIGN_IN_MESSAGES: Record<SignInFailure, AuthFormState> = {
  invalid_input: { fieldErrors: { email: "Enter your email and password." } },
  no_match: {
    fieldErrors: { password: "That email and password don't match an account. Check both, or email yourself a sign-in link." },
  },
  rate_limited: { formError: "Too many wrong passwords from here. Wait 15 minutes, or email yourself a sign-in link." },
  link_not_valid: { formError: "This link has expired or is not complete. Create your account again to get a new one." },
  link_used: { formError: "This address has an account now. Sign in with your password or a sign-in link." },
};

const TOO_MANY_LINKS = "We sent several links already. Check your inbox, or wait 15 minutes.";

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

/** Signs in with a credentials provider; a refusal comes back as the form's words for it. */
async function signInWith(
  provider: "credentials" | "sign-up-link",
  credentials: Record<string, string>,
  target: string,
  values: AuthFormState["values"],
): Promise<AuthFormState> {
  try {
    await signIn(provider, { ...credentials, redirect: false });
  } catch (error) {
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      const reason = (error as AuthError & { code?: string }).code as SignInFailure | undefined;
      return { ...(SIGN_IN_MESSAGES[reason ?? "invalid_input"] ?? SIGN_IN_MESSAGES.invalid_input), values };
    }
    throw error;
  }
  redirect(target);
}

/** Emails `email` a sign-in link (Auth.js's email provider, which applies the link limit). */
async function sendSignInLink(email: string, redirectTo: string): Promise<"sent" | "refused"> {
  try {
    await signIn("email", { email, redirect: false, redirectTo });
    return "sent";
  } catch (error) {
    if (error instanceof SignInMailRefused) return "refused";
    throw error;
  }
}

export async function signInAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  requireForm(form);
  const email = text(form, "email").trim();
  const password = text(form, "password");
  if (!email) return { fieldErrors: { email: "Enter your email address." }, values: { email } };
  if (!password) return { fieldErrors: { password: "Enter your password." }, values: { email } };
  return signInWith("credentials", { email, password }, safeRedirect(form.get("redirectTo")), { email });
}

export async function signUpAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  requireForm(form);
  const values = { name: text(form, "name"), email: text(form, "email") };
  const parsed = signUpInput.safeParse({ ...values, password: text(form, "password") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error), values };
  const redirectTo = safeRedirect(form.get("redirectTo"));
  let outcome: "link-sent" | "existing" | "refused";
  try {
    outcome = await startSignUp(getDb(), parsed.data, { address: clientAddress(await headers()), redirectTo });
    // The address has an account: its owner gets a sign-in link, and this form says what it says to anyone.
    if (outcome === "existing" && (await sendSignInLink(parsed.data.email, redirectTo)) === "refused") outcome = "refused";
  } catch (error) {
    if (!(error instanceof SignInMailRefused)) throw error;
    outcome = "refused";
  }
  if (outcome === "refused") return { formError: TOO_MANY_LINKS, values };
  return {
    notice: `Check your inbox: if ${parsed.data.email} is free, you'll receive a link to finish creating your account. If it already has one, we've sent a sign-in link instead.`,
    values,
  };
}

export async function magicLinkAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  requireForm(form);
  const parsed = magicLinkInput.safeParse({ email: text(form, "email") });
  if (!parsed.success) return { fieldErrors: firstErrors(parsed.error), values: { email: text(form, "email") } };
  const { email } = parsed.data;
  if ((await sendSignInLink(email, safeRedirect(form.get("redirectTo")))) === "refused") {
    return { formError: TOO_MANY_LINKS, values: { email } };
  }
  return { notice: `We emailed a sign-in link to ${email}. It works once, for 24 hours.`, values: { email } };
}

/** The button on the emailed sign-up link's page: creates the account and signs it in. */
export async function finishSignUpAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  requireForm(form);
  return signInWith("sign-up-link", { token: text(form, "token") }, safeRedirect(form.get("redirectTo")), {});
}

export async function oauthSignInAction(form: FormData): Promise<void> {
  requireForm(form);
  const provider = text(form, "provider");
  await signIn(provider, { redirectTo: safeRedirect(form.get("redirectTo")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
