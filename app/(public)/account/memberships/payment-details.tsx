"use client";
// A paid membership's money: every charge (date, amount, whether it went through), and the card
// its renewals are charged to, replaced here in the sandbox or on Stripe's own page.

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { CardFields, EMPTY_CARD, type CardInput } from "@/app/_components/card-fields";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";
import type { BillingEntry } from "@/server/services/memberships/billing";
import type { MyMembership } from "@/server/services/memberships/change";

function CardUpdate({ membershipId }: { membershipId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [card, setCard] = useState<CardInput>(EMPTY_CARD);
  const update = useMutation(
    trpc.membership.updateCard.mutationOptions({
      onSuccess: () => {
        setCard(EMPTY_CARD);
        router.refresh();
      },
    }),
  );
  const error = update.error ? uiError(update.error) : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!update.isPending) update.mutate({ membershipId, card });
  }
  return (
    <form onSubmit={submit} className="mt-3 space-y-3" aria-label="New card" noValidate>
      <CardFields card={card} onChange={setCard} numberError={fieldError(error, "card")} />
      <FormError message={error && !fieldError(error, "card") ? error.message : null} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Use this card"}
        </Button>
        {update.isSuccess && (
          <span role="status" className="text-sm text-ok">
            Card updated: your next renewal is charged to it.
          </span>
        )}
      </div>
    </form>
  );
}

function StripePortal({ membershipId }: { membershipId: string }) {
  const trpc = useTRPC();
  const open = useMutation(trpc.membership.stripePortal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  return (
    <div className="mt-3 space-y-2">
      <Button variant="secondary" onClick={() => open.mutate({ membershipId })} disabled={open.isPending || open.isSuccess}>
        {open.isPending || open.isSuccess ? "Opening Stripe…" : "Manage payment on Stripe"}
      </Button>
      <FormError message={open.error ? uiError(open.error).message : null} />
    </div>
  );
}

export function PaymentDetails({ membership, billing }: { membership: MyMembership; billing: BillingEntry[] }) {
  return (
    <div className="mt-4 grid gap-3 border-t border-line pt-4 sm:grid-cols-2">
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Billing history ({billing.length})</summary>
        {billing.length === 0 ? (
          <p className="mt-2 text-muted">No charges yet.</p>
        ) : (
          <table className="mt-2 w-full text-left">
            <caption className="sr-only">Charges for this membership, newest first</caption>
            <thead className="text-xs text-muted">
              <tr>
                <th scope="col" className="py-1 font-medium">Date</th>
                <th scope="col" className="py-1 font-medium">Amount</th>
                <th scope="col" className="py-1 font-medium">Result</th>
              </tr>
            </thead>
            <tbody>
              {billing.map((entry) => (
                <tr key={entry.id} className="border-t border-line">
                  <td className="py-1">
                    <LocalTime date={entry.at} />
                  </td>
                  <td className="py-1">{entry.amountLabel}</td>
                  <td className={`py-1 ${entry.status === "failed" ? "text-danger" : ""}`}>{entry.status === "failed" ? `Failed${entry.reason ? `: ${entry.reason}` : ""}` : "Paid"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Payment card</summary>
        {membership.provider === "stripe" ? <StripePortal membershipId={membership.id} /> : <CardUpdate membershipId={membership.id} />}
      </details>
    </div>
  );
}
