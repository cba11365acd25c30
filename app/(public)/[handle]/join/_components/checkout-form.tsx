"use client";
// The sandbox checkout: card details go to our server, which charges through the payment
// provider. One idempotency key per attempt, so a double click charges once; a failed attempt
// gets a fresh key so the next card is a new attempt.

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";

type Props = { tierId: string; monthlyLabel: string; annualLabel: string | null; next: string };

function newKey(): string {
  return `checkout-${crypto.randomUUID()}`;
}

export function CheckoutForm({ tierId, monthlyLabel, annualLabel, next }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [key, setKey] = useState(newKey);
  const [interval, setInterval] = useState<"month" | "year">("month");
  const [card, setCard] = useState({ number: "", expiry: "", cvc: "" });
  const checkout = useMutation(
    trpc.membership.checkout.mutationOptions({
      onSuccess: () => {
        router.push(next);
        router.refresh();
      },
      onError: () => setKey(newKey()),
    }),
  );
  const error = checkout.error ? uiError(checkout.error) : null;
  const cardError = fieldError(error, "card");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (checkout.isPending) return;
    checkout.mutate({ tierId, interval, idempotencyKey: key, card });
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4 rounded-2xl border border-line bg-card p-5" noValidate aria-label="Payment">
      <FormError message={error && !cardError && !error.field && Object.keys(error.fieldErrors).length === 0 ? error.message : null} />
      {annualLabel && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Billing</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="interval" checked={interval === "month"} onChange={() => setInterval("month")} /> Monthly, {monthlyLabel}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="interval" checked={interval === "year"} onChange={() => setInterval("year")} /> Yearly, {annualLabel}
          </label>
        </fieldset>
      )}
      <Field
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        value={card.number}
        onChange={(e) => setCard({ ...card, number: e.target.value })}
        placeholder="4242 4242 4242 4242"
      />
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="Expiry (MM/YY)"
          autoComplete="cc-exp"
          value={card.expiry}
          onChange={(e) => setCard({ ...card, expiry: e.target.value })}
          placeholder="12/30"
        />
        <Field label="Security code" inputMode="numeric" autoComplete="cc-csc" value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} placeholder="123" />
      </div>
      {cardError && (
        <p role="alert" className="rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
          {cardError}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={checkout.isPending || checkout.isSuccess}>
        {checkout.isPending ? "Processing payment…" : checkout.isSuccess ? "Paid" : `Pay ${interval === "year" && annualLabel ? annualLabel : monthlyLabel}`}
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
