"use client";
// One membership and what the fan can do with it: change tier (up now, down at the period end),
// cancel (access lasts until the period end) or resume, and turn its new-post emails on or off.

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
import { EmailToggle } from "./email-toggle";

type TierChoice = { id: string; name: string; monthlyPrice: number; currency: string; full: boolean };

export function MembershipCard({ membership: m, tiers, emailsOn }: { membership: MyMembership; tiers: TierChoice[]; emailsOn: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choice, setChoice] = useState(m.pendingTier?.id ?? m.tier.id);
  const refresh = { onSuccess: () => router.refresh() };
  const cancel = useMutation(trpc.membership.cancel.mutationOptions(refresh));
  const resume = useMutation(trpc.membership.resume.mutationOptions(refresh));
  const change = useMutation(trpc.membership.changeTier.mutationOptions(refresh));
  const error = [cancel.error, resume.error, change.error].find(Boolean);
  const busy = cancel.isPending || resume.isPending || change.isPending;
  const free = m.price === 0;
  const chosen = tiers.find((t) => t.id === choice);
  const changingUp = chosen && !free && chosen.monthlyPrice > (m.interval === "year" ? m.price / 12 : m.price);

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
                onClick={() => change.mutate({ membershipId: m.id, tierId: choice, idempotencyKey: `change-${crypto.randomUUID()}` })}
              >
                {change.isPending ? "Changing…" : changingUp ? "Upgrade now" : "Change at renewal"}
              </Button>
            </div>
          )
        )}
        {m.status === "cancelling" ? (
          <Button onClick={() => resume.mutate({ membershipId: m.id })} disabled={busy}>
            {resume.isPending ? "Resuming…" : "Resume membership"}
          </Button>
        ) : (
          <Button variant="ghost" onClick={() => cancel.mutate({ membershipId: m.id })} disabled={busy}>
            {cancel.isPending ? "Cancelling…" : free ? "Leave" : "Cancel membership"}
          </Button>
        )}
      </div>
      <EmailToggle creatorId={m.creator.id} creatorName={m.creator.displayName} initiallyOn={emailsOn} />
    </section>
  );
}
