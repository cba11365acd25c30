// Where Stripe sends a fan back after paying: the payment is confirmed by Stripe's webhook, which
// may arrive a moment later, so this page shows "being confirmed" until the membership exists.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { buttonClass } from "@/app/_components/button";
import { LocalTime } from "@/app/_components/local-time";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { ConfirmationPending } from "../../_components/confirmation-pending";
import { safeNext } from "../../_components/safe-next";

export const metadata: Metadata = { title: "Confirming your membership", robots: { index: false } };

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
            Your payment is confirmed: you are a member of {data.creator.displayName}.
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
