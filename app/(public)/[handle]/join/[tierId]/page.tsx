import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { formatMoney } from "@/lib/money";
import { getViewer } from "@/server/auth/viewer";
import { anonymousContext } from "@/server/http/context";
import { creditAskedByPage } from "@/server/services/memberships/join";
import { caller } from "@/server/trpc/server";
import { movedOrMissing } from "../../_lib/moved-or-missing";
import { CheckoutForm } from "../_components/checkout-form";
import { safeNext } from "../_components/safe-next";
import { StripeCheckout } from "../_components/stripe-checkout";
import { TierCover } from "../_components/tier-cover";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

type Props = {
  params: Promise<{ handle: string; tierId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function CheckoutPage({ params, searchParams }: Props) {
  const { handle, tierId } = await params;
  const query = await searchParams;
  const next = safeNext(query.next, `/${handle}`);
  if (!(await getViewer())) {
    const rec = typeof query.rec === "string" ? `&rec=${encodeURIComponent(query.rec)}` : "";
    redirect(`/login?mode=signup&callbackUrl=${encodeURIComponent(`/${handle}/join/${tierId}?next=${encodeURIComponent(next)}${rec}`)}`);
  }
  const data = await caller.membership.tiers.byHandle({ handle });
  const tier = data?.tiers.find((t) => t.id === tierId);
  if (!data) return movedOrMissing(handle, `/join/${tierId}`);
  if (!tier) notFound();
  if (tier.monthlyPrice === 0) redirect(`/${data.creator.handle}/join?tier=${tier.id}`);
  const provider = await caller.membership.checkoutProvider();
  const credit = await creditAskedByPage(anonymousContext().db, data.creator, next, query.rec);
  const labels = {
    monthlyLabel: `${formatMoney(tier.monthlyPrice, tier.currency)} / month`,
    annualLabel: tier.annualPrice != null ? `${formatMoney(tier.annualPrice, tier.currency)} / year` : null,
  };
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-md px-5 py-10">
        <Link href={`/${data.creator.handle}/join`} className="text-sm text-accent-strong hover:underline">
          ← All tiers of {data.creator.displayName}
        </Link>
        <TierCover mediaId={tier.coverMediaId} className="mt-4 rounded-2xl" />
        <h1 className="mt-4 font-serif text-3xl font-bold">Join {tier.name}</h1>
        <p className="mt-1 text-muted">
          {labels.monthlyLabel}
          {labels.annualLabel && ` or ${labels.annualLabel}`}. Cancel any time; you keep access until the end of the period you paid
          for.
        </p>
        {query.checkout === "cancelled" && (
          <p role="status" className="mt-4 rounded-lg border border-line bg-card px-4 py-3 text-sm">
            You left the payment page before paying. No money was taken and you have not joined yet; you can try again below.
          </p>
        )}
        {provider === "stripe" ? (
          <StripeCheckout tierId={tier.id} {...labels} next={next} credit={credit} />
        ) : (
          <CheckoutForm handle={data.creator.handle} tierId={tier.id} {...labels} next={next} credit={credit} />
        )}
      </main>
    </TRPCReactProvider>
  );
}
