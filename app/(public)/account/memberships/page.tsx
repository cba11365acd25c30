import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import { rejoinHref } from "@/app/_components/rejoin";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { AccountNav } from "../account-nav";
import { MembershipCard } from "./membership-card";

export const metadata: Metadata = { title: "Your memberships", robots: { index: false } };

export default async function MembershipsPage() {
  if (!(await getViewer())) redirect("/login?callbackUrl=/account/memberships");
  const [memberships, past, optedOut, billing] = await Promise.all([
    caller.membership.mine(),
    caller.membership.past(),
    caller.membership.emails.optedOut(),
    caller.membership.billing(),
  ]);
  const tiersByCreator = new Map(
    await Promise.all(
      memberships.map(async (m) => [m.creator.id, (await caller.membership.tiers.byHandle({ handle: m.creator.handle }))?.tiers ?? []] as const),
    ),
  );
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-3xl px-5 py-10">
        <AccountNav current="/account/memberships" />
        <h1 className="font-serif text-3xl font-bold">Your memberships</h1>
        {memberships.length === 0 ? (
          <p className="mt-8 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
            {past.length > 0 ? "You have no current memberships." : "You have not joined anyone yet."}{" "}
            <Link href="/explore" className="underline">
              Explore creators
            </Link>{" "}
            and join the ones you like.
          </p>
        ) : (
          <ul className="mt-8 space-y-4">
            {memberships.map((m) => (
              <li key={m.id}>
                <MembershipCard
                  membership={m}
                  emailsOn={!optedOut.includes(m.creator.id)}
                  billing={billing[m.id] ?? []}
                  tiers={(tiersByCreator.get(m.creator.id) ?? []).map((t) => ({
                    id: t.id,
                    name: t.name,
                    monthlyPrice: t.monthlyPrice,
                    annualPrice: t.annualPrice,
                    currency: t.currency,
                    full: t.remaining === 0,
                  }))}
                />
              </li>
            ))}
          </ul>
        )}
        {past.length > 0 && (
          <section aria-labelledby="past" className="mt-12">
            <h2 id="past" className="text-lg font-semibold">
              Past memberships
            </h2>
            <ul className="mt-4 space-y-3">
              {past.map((m) => (
                <li key={m.creator.id} className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-line bg-card p-5">
                  <div>
                    <Link href={`/${m.creator.handle}`} className="font-semibold text-accent-strong hover:underline">
                      {m.creator.displayName}
                    </Link>
                    <p className="mt-1 text-sm text-muted">
                      {m.tier.name}, ended <LocalTime date={m.endedAt} />
                    </p>
                  </div>
                  <Link href={rejoinHref(m)} className={buttonClass("secondary")}>
                    {m.tier.rejoinable ? `Rejoin ${m.tier.name}` : "See tiers to rejoin"}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </TRPCReactProvider>
  );
}
