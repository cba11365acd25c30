"use client";
// The Stripe path of a paid join: choose monthly or yearly here, then pay on Stripe's own page
// (card details never reach us). One idempotency key per attempt, so a double click opens one session.

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { BillingChoice, chosenPrice, type BillingInterval } from "./billing-choice";
import { newCheckoutKey } from "./checkout-key";
import type { Credit } from "./welcome-path";

type Props = { tierId: string; monthlyLabel: string; annualLabel: string | null; next: string; credit: Credit };

export function StripeCheckout({ tierId, monthlyLabel, annualLabel, next, credit }: Props) {
  const trpc = useTRPC();
  const [key, setKey] = useState(newCheckoutKey);
  const [interval, setInterval] = useState<BillingInterval>("month");
  const start = useMutation(
    trpc.membership.startStripeCheckout.mutationOptions({
      // A full navigation: Stripe's page is another site.
      onSuccess: ({ url }) => window.location.assign(url),
      onError: () => setKey(newCheckoutKey()),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (start.isPending || start.isSuccess) return;
    start.mutate({ tierId, interval, idempotencyKey: key, next, ...credit });
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4 rounded-2xl border border-line bg-card p-5" aria-label="Payment">
      <FormError message={start.error ? uiError(start.error).message : null} />
      <BillingChoice value={interval} onChange={setInterval} monthlyLabel={monthlyLabel} annualLabel={annualLabel} />
      <Button type="submit" className="w-full" disabled={start.isPending || start.isSuccess}>
        {start.isPending || start.isSuccess ? "Opening the payment page…" : `Continue to pay ${chosenPrice(interval, monthlyLabel, annualLabel)}`}
      </Button>
      <p className="text-sm text-muted">You enter your card on Stripe&apos;s secure page, then come back here.</p>
    </form>
  );
}
