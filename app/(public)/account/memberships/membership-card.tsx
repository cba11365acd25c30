"use client";
// One membership and what the fan can do with it: change tier (up now, after saying what it
// charges; down at the period end), cancel (after saying until when access lasts) or resume, see
// every charge, replace the card renewals are charged to, and turn its new-post emails on or off.

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { membershipStateWord } from "@/app/_components/membership-state";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { formatMoney } from "@/lib/money";
import type { MyMembership } from "@/server/services/memberships/change";
import type { BillingEntry } from "@/server/services/memberships/billing";
import { EmailToggle } from "./email-toggle";
import { PaymentDetails } from "./payment-details";

type TierChoice = { id: string; name: string; monthlyPrice: number; annualPrice: number | null; currency: string; full: boolean };

type Props = { membership: MyMembership; tiers: TierChoice[]; emailsOn: boolean; billing: BillingEntry[] };

export function MembershipCard({ membership: m, tiers, emailsOn, billing }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choice, setChoice] = useState(m.pendingTier?.id ?? m.tier.id);
  // What is being confirmed: an upgrade (which charges now) or leaving.
  const [confirming, setConfirming] = useState<"upgrade" | "cancel" | null>(null);
  const refresh = {
    onSuccess: () => {
      setConfirming(null);
      router.refresh();
    },
  };
  const cancel = useMutation(trpc.membership.cancel.mutationOptions(refresh));
  const resume = useMutation(trpc.membership.resume.mutationOptions(refresh));
  const change = useMutation(trpc.membership.changeTier.mutationOptions(refresh));
  const error = [cancel.error, resume.error, change.error].find(Boolean);
  const busy = cancel.isPending || resume.isPending || change.isPending;
  const free = m.price === 0;
  const chosen = tiers.find((t) => t.id === choice);
  const changingUp = chosen && !free && chosen.monthlyPrice > (m.interval === "year" ? m.price / 12 : m.price);
  const upgradeCharge = chosen ? formatMoney(m.interval === "year" ? (chosen.annualPrice ?? chosen.monthlyPrice * 12) : chosen.monthlyPrice, chosen.currency) : "";
  const changeTo = () => change.mutate({ membershipId: m.id, tierId: choice, idempotencyKey: `change-${crypto.randomUUID()}` });

  return (
    <section aria-label={`Membership of ${m.creator.displayName}`} className="rounded-2xl border border-line bg-card p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">
            <Link href={`/${m.creator.handle}`} className="hover:underline">
              {m.creator.displayName}
            </Link>
          </h2>
          <p className="text-muted">
            {m.tier.name} · {m.priceLabel}
          </p>
        </div>
        <span className="rounded-full bg-paper px-2 py-0.5 text-sm font-medium">{membershipStateWord(m.status, m.live)}</span>
      </div>
      <p className="mt-2 text-sm text-muted" aria-live="polite">
        {m.status === "cancelling" && m.currentPeriodEnd && (
          <>
            Your access {m.live ? "ends" : "ended"} on <LocalTime date={m.currentPeriodEnd} withTime />. You will not be charged again.
          </>
        )}
        {m.status === "active" && m.currentPeriodEnd && (
          <>
            Renews on <LocalTime date={m.currentPeriodEnd} />
            {m.pendingTier && <>, moving to {m.pendingTier.name}</>}.
          </>
        )}
        {m.status === "past_due" && "Your last payment failed. Access continues for a few days while we retry."}
        {free && m.status === "active" && "Free membership. Leave whenever you like."}
      </p>
      <FormError message={error ? uiError(error).message : null} />
      <div className="mt-4 flex flex-wrap items-end gap-3">
        {free ? (
          <Link href={`/${m.creator.handle}/join`} className="text-sm font-medium text-accent-strong underline">
            Upgrade to a paid tier
          </Link>
        ) : (
          tiers.length > 1 && (
            <div className="flex flex-wrap items-end gap-2">
              <label className="text-sm">
                <span className="block font-medium">Tier</span>
                <select
                  className="mt-1 rounded-lg border border-line bg-card px-3 py-2"
                  value={choice}
                  onChange={(e) => setChoice(e.target.value)}
                >
                  {tiers.map((t) => (
                    <option key={t.id} value={t.id} disabled={t.full && t.id !== m.tier.id}>
                      {t.name} ({formatMoney(t.monthlyPrice, t.currency, { freeLabel: "Free" })}
                      {t.monthlyPrice > 0 ? " / month" : ""})
                    </option>
                  ))}
                </select>
              </label>
              <Button
                variant="secondary"
                disabled={busy || choice === (m.pendingTier?.id ?? m.tier.id)}
                onClick={() => (changingUp ? setConfirming("upgrade") : changeTo())}
              >
                {change.isPending ? "Changing…" : changingUp ? "Upgrade now…" : "Change at renewal"}
              </Button>
            </div>
          )
        )}
        {m.status === "cancelling" ? (
          <Button onClick={() => resume.mutate({ membershipId: m.id })} disabled={busy}>
            {resume.isPending ? "Resuming…" : "Resume membership"}
          </Button>
        ) : (
          <Button variant="ghost" onClick={() => setConfirming("cancel")} disabled={busy || confirming === "cancel"}>
            {free ? "Leave" : "Cancel membership"}
          </Button>
        )}
      </div>
      {confirming === "upgrade" && chosen && (
        <div role="alertdialog" aria-label={`Upgrade to ${chosen.name}`} className="mt-4 rounded-xl border border-accent/40 bg-accent-soft/40 p-4 text-sm">
          <p>
            Upgrading to <strong>{chosen.name}</strong> charges <strong>{upgradeCharge}</strong> now to the card your membership renews with, and
            starts a new {m.interval} from today.
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button onClick={changeTo} disabled={busy}>
              {change.isPending ? "Paying…" : `Pay ${upgradeCharge} and upgrade`}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(null)} disabled={busy}>
              Not now
            </Button>
          </div>
        </div>
      )}
      {confirming === "cancel" && (
        <div role="alertdialog" aria-label={free ? `Leave ${m.creator.displayName}` : "Cancel membership"} className="mt-4 rounded-xl border border-line bg-paper p-4 text-sm">
          <p>
            {free ? (
              <>Leave {m.creator.displayName}? Posts for members close to you at once; you can join again any time.</>
            ) : m.currentPeriodEnd ? (
              <>
                Cancel your {m.tier.name} membership? You keep access until <LocalTime date={m.currentPeriodEnd} withTime />, and you will not be charged again.
              </>
            ) : (
              <>Cancel your {m.tier.name} membership? You will not be charged again.</>
            )}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button variant="danger" onClick={() => cancel.mutate({ membershipId: m.id })} disabled={busy}>
              {cancel.isPending ? (free ? "Leaving…" : "Cancelling…") : free ? "Yes, leave" : "Yes, cancel my membership"}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(null)} disabled={busy}>
              {free ? "Stay" : "Keep my membership"}
            </Button>
          </div>
        </div>
      )}
      {!free && <PaymentDetails membership={m} billing={billing} />}
      <EmailToggle creatorId={m.creator.id} creatorName={m.creator.displayName} initiallyOn={emailsOn} />
    </section>
  );
}
