import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { MembershipCard } from "./membership-card";

export const metadata: Metadata = { title: "Your memberships", robots: { index: false } };

export default async function MembershipsPage() {
  if (!(await getViewer())) redirect("/login?callbackUrl=/account/memberships");
  const [memberships, optedOut] = await Promise.all([caller.membership.mine(), caller.membership.emails.optedOut()]);
  const tiersByCreator = new Map(
    await Promise.all(
      memberships.map(async (m) => [m.creator.id, (await caller.membership.tiers.byHandle({ handle: m.creator.handle }))?.tiers ?? []] as const),
    ),
  );
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-3xl px-5 py-10">
        <h1 className="font-serif text-3xl font-bold">Your memberships</h1>
        {memberships.length === 0 ? (
          <p className="mt-8 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
            You have not joined anyone yet. <Link href="/explore" className="underline">Explore creators</Link> and join the ones you
            like.
          </p>
        ) : (
          <ul className="mt-8 space-y-4">
            {memberships.map((m) => (
              <li key={m.id}>
                <MembershipCard
                  membership={m}
                  emailsOn={!optedOut.includes(m.creator.id)}
                  tiers={(tiersByCreator.get(m.creator.id) ?? []).map((t) => ({
                    id: t.id,
                    name: t.name,
                    monthlyPrice: t.monthlyPrice,
                    currency: t.currency,
                    full: t.remaining === 0,
                  }))}
                />
              </li>
            ))}
          </ul>
        )}
      </main>
    </TRPCReactProvider>
  );
}
