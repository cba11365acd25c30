import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button";
import { RichText } from "@/app/_components/rich-text";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { formatMoney } from "@/lib/money";
import { getViewer } from "@/server/auth/viewer";
import { anonymousContext } from "@/server/http/context";
import { creditAskedByPage } from "@/server/services/memberships/join";
import { caller } from "@/server/trpc/server";
import { movedOrMissing } from "../_lib/moved-or-missing";
import { EmailJoinForm } from "./_components/email-join-form";
import { JoinFreeButton } from "./_components/join-free-button";
import { safeNext } from "./_components/safe-next";
import { TierCover } from "./_components/tier-cover";

type Props = {
  params: Promise<{ handle: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await caller.membership.tiers.byHandle({ handle: (await params).handle });
  if (!data) return { title: "Not found" };
  const { creator } = data;
  return {
    title: `Join ${creator.displayName}`,
    description: `Become a member of ${creator.displayName} on Atelier: their tiers, prices and what each includes.`,
    // One address for the page, whichever tier it highlights and wherever it returns to.
    alternates: { canonical: `/${creator.handle}/join` },
  };
}

export default async function JoinPage({ params, searchParams }: Props) {
  const { handle } = await params;
  const query = await searchParams;
  const data = await caller.membership.tiers.byHandle({ handle });
  if (!data) return movedOrMissing(handle, "/join");
  const { creator, tiers } = data;
  const viewer = await getViewer();
  const mine = viewer ? (await caller.membership.mine()).find((m) => m.creator.id === creator.id) : undefined;
  const next = safeNext(query.next, `/${creator.handle}`);
  const highlighted = typeof query.tier === "string" ? query.tier : null;
  const credit = await creditAskedByPage(anonymousContext().db, creator, next, query.rec);
  const carried = credit.recommendationId ? `&rec=${encodeURIComponent(credit.recommendationId)}` : "";
  const anyCover = tiers.some((tier) => tier.coverMediaId);

  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-5xl px-5 py-10">
        <p className="text-sm font-semibold text-accent-strong">
          <Link href={`/${creator.handle}`} className="hover:underline">
            {creator.displayName}
          </Link>
        </p>
        <h1 className="mt-1 font-serif text-3xl font-bold sm:text-4xl">Join {creator.displayName}</h1>
        {mine && (
          <p className="mt-4 rounded-lg bg-ok/10 px-4 py-2 text-sm" role="note">
            You are a member ({mine.tier.name}). <Link href="/account/memberships" className="underline">Manage your membership</Link>
          </p>
        )}
        {tiers.length === 0 ? (
          <p className="mt-8 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
            {creator.displayName} has not opened any tiers yet.
          </p>
        ) : (
          <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {tiers.map((tier) => {
              const full = tier.remaining === 0;
              const current = mine?.tier.id === tier.id;
              return (
                <li
                  key={tier.id}
                  className={`flex flex-col overflow-hidden rounded-2xl border bg-card ${highlighted === tier.id ? "border-accent ring-2 ring-accent/20" : "border-line"}`}
                >
                  <TierCover mediaId={tier.coverMediaId} placeholder={anyCover ? tier.name : null} />
                  <div className="flex flex-1 flex-col p-5">
                    <h2 className="text-lg font-semibold">{tier.name}</h2>
                    <p className="mt-1 text-2xl font-bold">
                      {formatMoney(tier.monthlyPrice, tier.currency, { freeLabel: "Free" })}
                      {tier.monthlyPrice > 0 && <span className="text-base font-normal text-muted"> / month</span>}
                    </p>
                    {tier.annualPrice != null && (
                      <p className="text-sm text-muted">or {formatMoney(tier.annualPrice, tier.currency)} / year</p>
                    )}
                    <RichText source={tier.description} className="mt-3 text-muted" />
                    {tier.benefits.length > 0 && (
                      <ul className="mt-3 space-y-1 text-sm">
                        {tier.benefits.map((b) => (
                          <li key={b}>✓ {b}</li>
                        ))}
                      </ul>
                    )}
                    {tier.remaining !== null && (
                      <p className="mt-3 text-sm text-warn">{full ? "No places left" : `${tier.remaining} of ${tier.memberCap} places left`}</p>
                    )}
                    <div className="mt-auto pt-5">
                      {current ? (
                        <p className="text-sm font-medium text-ok">Your tier</p>
                      ) : full ? (
                        <p className="text-sm text-muted">This tier is full.</p>
                      ) : mine && mine.price > 0 ? (
                        <Link href="/account/memberships" className={buttonClass("secondary", "w-full")}>
                          Change to {tier.name}
                        </Link>
                      ) : tier.monthlyPrice === 0 ? (
                        viewer ? (
                          <JoinFreeButton handle={creator.handle} tierId={tier.id} tierName={tier.name} next={next} credit={credit} />
                        ) : (
                          <EmailJoinForm tierId={tier.id} tierName={tier.name} handle={creator.handle} carried={carried} />
                        )
                      ) : (
                        <Link
                          href={`/${creator.handle}/join/${tier.id}?next=${encodeURIComponent(next)}${carried}`}
                          className={buttonClass("primary", "w-full")}
                        >
                          Join {tier.name}
                        </Link>
                      )}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </main>
    </TRPCReactProvider>
  );
}
