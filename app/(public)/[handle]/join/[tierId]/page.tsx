import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { formatMoney } from "@/lib/money";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { CheckoutForm } from "../_components/checkout-form";
import { safeNext } from "../_components/safe-next";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

type Props = {
  params: Promise<{ handle: string; tierId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function CheckoutPage({ params, searchParams }: Props) {
  const { handle, tierId } = await params;
  const next = safeNext((await searchParams).next, `/${handle}`);
  if (!(await getViewer())) {
    redirect(`/login?mode=signup&callbackUrl=${encodeURIComponent(`/${handle}/join/${tierId}?next=${encodeURIComponent(next)}`)}`);
  }
  const data = await caller.tier.byHandle({ handle });
  const tier = data?.tiers.find((t) => t.id === tierId);
  if (!data || !tier) notFound();
  if (tier.monthlyPrice === 0) redirect(`/${data.creator.handle}/join?tier=${tier.id}`);
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-md px-5 py-10">
        <Link href={`/${data.creator.handle}/join`} className="text-sm text-accent-strong hover:underline">
          ← All tiers of {data.creator.displayName}
        </Link>
        <h1 className="mt-3 font-serif text-3xl font-bold">Join {tier.name}</h1>
        <p className="mt-1 text-muted">
          {formatMoney(tier.monthlyPrice, tier.currency)} / month
          {tier.annualPrice != null && ` or ${formatMoney(tier.annualPrice, tier.currency)} / year`}. Cancel any time; you keep access
          until the end of the period you paid for.
        </p>
        <CheckoutForm
          tierId={tier.id}
          monthlyLabel={`${formatMoney(tier.monthlyPrice, tier.currency)} / month`}
          annualLabel={tier.annualPrice != null ? `${formatMoney(tier.annualPrice, tier.currency)} / year` : null}
          next={next}
        />
      </main>
    </TRPCReactProvider>
  );
}
