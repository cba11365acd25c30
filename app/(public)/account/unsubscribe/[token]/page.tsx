// Where an email's unsubscribe link lands: it names the creator and asks for one click, with no
// sign-in. Opening the page changes nothing (mail scanners follow links); mail clients that
// support one-click unsubscribe POST to /api/unsubscribe/{token} instead.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { caller } from "@/server/trpc/server";
import { ConfirmUnsubscribe } from "./confirm-unsubscribe";

export const dynamic = "force-dynamic";

// The token is a credential: keep it out of search engines and out of Referer headers.
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false }, referrer: "no-referrer" };

type Target = { ok: true; creator: { handle: string; displayName: string } } | { ok: false; message: string };

async function target(token: string): Promise<Target> {
  try {
    return { ok: true, ...(await caller.membership.emails.unsubscribeTarget({ token })) };
  } catch (error) {
    // Only refusals meant for people (a bad or stale link) are shown; anything else is a real fault.
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) return { ok: false, message: error.message };
    throw error;
  }
}

export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  // Next.js has already decoded the segment; tokens are base64url, so nothing more to undo.
  const { token } = await params;
  const found = await target(token);
  return (
    <main className="mx-auto max-w-xl px-5 py-16">
      <section className="rounded-2xl border border-line bg-card p-6 sm:p-8" aria-labelledby="unsubscribe-heading">
        {found.ok ? (
          <TRPCReactProvider>
            <ConfirmUnsubscribe token={token} creator={found.creator} />
          </TRPCReactProvider>
        ) : (
          <>
            <h1 id="unsubscribe-heading" className="font-serif text-3xl font-bold">
              This link did not work
            </h1>
            <p role="alert" className="mt-4 text-lg">
              {found.message}
            </p>
            <div className="mt-8">
              <Link href="/account/memberships" className={buttonClass("primary")}>
                Manage your memberships
              </Link>
            </div>
          </>
        )}
      </section>
    </main>
  );
}
