"use client";
// The sandbox checkout: card details go to our server, which charges through the payment
// provider. One idempotency key per attempt, so a double click charges once; a failed attempt
// gets a fresh key so the next card is a new attempt.

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { CardFields, EMPTY_CARD, type CardInput } from "@/app/_components/card-fields";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";
import { BillingChoice, chosenPrice, type BillingInterval } from "./billing-choice";
import { newCheckoutKey } from "./checkout-key";
import { welcomePath, type Credit } from "./welcome-path";

type Props = { handle: string; tierId: string; monthlyLabel: string; annualLabel: string | null; next: string; credit: Credit };

export function CheckoutForm({ handle, tierId, monthlyLabel, annualLabel, next, credit }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [key, setKey] = useState(newCheckoutKey);
  const [interval, setInterval] = useState<BillingInterval>("month");
  const [card, setCard] = useState<CardInput>(EMPTY_CARD);
  const checkout = useMutation(
    trpc.membership.checkout.mutationOptions({
      onSuccess: ({ membership }) => {
        router.push(welcomePath(handle, tierId, membership.id, next));
        router.refresh();
      },
      onError: () => setKey(newCheckoutKey()),
    }),
  );
  const error = checkout.error ? uiError(checkout.error) : null;
  const cardError = fieldError(error, "card");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (checkout.isPending) return;
    checkout.mutate({ tierId, interval, idempotencyKey: key, card, ...credit });
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4 rounded-2xl border border-line bg-card p-5" noValidate aria-label="Payment">
      <FormError message={error && !cardError && !error.field && Object.keys(error.fieldErrors).length === 0 ? error.message : null} />
      <BillingChoice value={interval} onChange={setInterval} monthlyLabel={monthlyLabel} annualLabel={annualLabel} />
      <CardFields card={card} onChange={setCard} />
      {cardError && (
        <p role="alert" className="rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
          {cardError}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={checkout.isPending || checkout.isSuccess}>
        {checkout.isPending ? "Processing payment…" : checkout.isSuccess ? "Paid" : `Pay ${chosenPrice(interval, monthlyLabel, annualLabel)}`}
      </Button>
      <details className="text-sm text-muted">
        <summary className="cursor-pointer">Test cards (sandbox: no money moves)</summary>
        <ul className="mt-2 space-y-1">
          <li>4242 4242 4242 4242: succeeds</li>
          <li>4000 0000 0000 0002: declined</li>
          <li>4000 0000 0000 9995: insufficient funds</li>
          <li>Any future expiry and any 3 digits.</li>
        </ul>
      </details>
    </form>
  );
}
