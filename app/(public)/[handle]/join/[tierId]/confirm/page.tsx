// The welcome step after joining: what the fan joined (for a paid tier, what they paid and when it
// renews), that a welcome email is on its way, whom the creator recommends, and the way back to
// where they were. Stripe sends a fan here after paying too: the payment is confirmed by Stripe's
// webhook, which may arrive a moment later, so until the membership exists it says so and waits.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { buttonClass } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import { RecommendedCreators } from "@/app/_components/recommended-creators";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { ConfirmationPending } from "../../_components/confirmation-pending";
import { safeNext } from "../../_components/safe-next";

export const metadata: Metadata = { title: "Welcome", robots: { index: false } };

type Props = {
  params: Promise<{ handle: string; tierId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ConfirmPage({ params, searchParams }: Props) {
  const { handle, tierId } = await params;
  const query = await searchParams;
  const membershipId = typeof query.membership === "string" ? query.membership : "";
  const next = safeNext(query.next, `/${handle}`);
  if (!(await getViewer())) {
    const back = `/${handle}/join/${tierId}/confirm?${new URLSearchParams({ membership: membershipId, next })}`;
    redirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
  }
  const data = await caller.membership.tiers.byHandle({ handle });
  if (!data || !membershipId) notFound();
  // Only the viewer's own memberships: someone else's id looks like one still being confirmed.
  const membership = (await caller.membership.mine()).find((m) => m.id === membershipId && m.creator.id === data.creator.id);
  const around = membership ? await caller.discovery.shownWith({ creatorId: data.creator.id }) : null;

  return (
    <main className="mx-auto max-w-md px-5 py-10">
      <p className="text-sm font-semibold text-accent-strong">
        <Link href={`/${data.creator.handle}`} className="hover:underline">
          {data.creator.displayName}
        </Link>
      </p>
      {membership ? (
        <section aria-labelledby="confirmed" className="mt-2">
          <h1 id="confirmed" className="font-serif text-3xl font-bold">
            Welcome to {membership.tier.name}
          </h1>
          <p role="status" className="mt-3">
            {membership.price > 0 ? "Your payment is confirmed: you" : "You"} are a member of {data.creator.displayName}.{" "}
            {membership.price > 0 ? "We have emailed you a welcome and your receipt." : "We have emailed you a welcome."}
          </p>
          <dl className="mt-5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-2xl border border-line bg-card p-5 text-sm">
            <dt className="text-muted">Tier</dt>
            <dd className="font-medium">{membership.tier.name}</dd>
            <dt className="text-muted">Price</dt>
            <dd className="font-medium">{membership.priceLabel}</dd>
            {membership.currentPeriodEnd && (
              <>
                <dt className="text-muted">Renews on</dt>
                <dd className="font-medium">
                  <LocalTime date={membership.currentPeriodEnd} />
                </dd>
              </>
            )}
          </dl>
          <div className="mt-6 flex flex-wrap gap-3">
            <Link href={next} className={buttonClass("primary")}>
              Continue
            </Link>
            <Link href="/account/memberships" className={buttonClass("secondary")}>
              Manage your membership
            </Link>
          </div>
          {around && <RecommendedCreators by={data.creator.displayName} recommendations={around.recommendations} from="welcome" />}
        </section>
      ) : (
        <section aria-labelledby="pending" className="mt-2">
          <h1 id="pending" className="font-serif text-3xl font-bold">
            Confirming your payment
          </h1>
          <p role="status" className="mt-3">
            Thank you. Stripe is confirming your payment with us; your membership appears here as soon as it does, usually within
            a few seconds.
          </p>
          <ConfirmationPending />
        </section>
      )}
    </main>
  );
}
