import type { Metadata } from "next";
import { readSignUpLink } from "@/server/auth/sign-up";
import { FinishSignUpForm } from "./finish-form";

export const metadata: Metadata = { title: "Finish creating your account" };

// The page the emailed sign-up link opens. Opening it changes nothing (mail scanners open links
// too); the button does.
export default async function FinishSignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const link = typeof token === "string" ? readSignUpLink(token) : null;
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-5 py-12">
      <a href="/" className="mb-8 font-serif text-2xl font-bold text-ink">
        Atelier
      </a>
      <div className="rounded-2xl border border-line bg-card p-6 shadow-sm sm:p-8">
        {link && typeof token === "string" ? (
          <FinishSignUpForm token={token} name={link.name} email={link.email} redirectTo={link.redirectTo} />
        ) : (
          <>
            <h1 className="text-xl font-bold">This link no longer works</h1>
            <p className="mt-3 text-sm text-muted">It has expired or is not complete. Create your account again to get a new one.</p>
            <a href="/login?mode=signup" className="mt-6 inline-block text-sm text-accent-strong underline">
              Create an account
            </a>
          </>
        )}
      </div>
    </main>
  );
}
