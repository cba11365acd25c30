import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sameSitePathOr } from "@/lib/same-site-path";
import { enabledOAuthProviders } from "@/server/auth/config";
import { getViewer } from "@/server/auth/viewer";
import { AuthForms } from "./auth-forms";

export const metadata: Metadata = { title: "Sign in" };

const AUTH_ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  OAuthAccountNotLinked: "This email already has an account. Sign in with your password or a sign-in link.",
  // Also what a sign-in link refused by its limit leads to, when asked for outside our forms.
  AccessDenied: "That sign-in did not go through. If you asked for several links, check your inbox or wait 15 minutes.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  // Signing up is how a creator starts, so it leads to the studio; signing in, without a page to
  // return to, leads home (a fan's feed), never to creator setup nobody asked for.
  const fallback = params.mode === "signup" ? "/studio" : "/";
  const redirectTo = params.callbackUrl ?? params.redirectTo ?? fallback;
  if (await getViewer()) redirect(sameSitePathOr(redirectTo, fallback));
  const error = params.error ? (AUTH_ERRORS[params.error] ?? "Sign-in did not work. Please try again.") : null;
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-5 py-12">
      <a href="/" className="mb-8 font-serif text-2xl font-bold text-ink">
        Atelier
      </a>
      <AuthForms
        initialMode={params.mode === "signup" ? "signup" : "signin"}
        redirectTo={redirectTo}
        oauth={enabledOAuthProviders()}
        error={error}
      />
    </main>
  );
}
