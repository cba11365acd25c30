"use client";
// Creating and editing one tier. Prices are typed as people write them and parsed into minor units.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError, TextAreaField } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";
import { minorToInput, parseMoney } from "@/lib/money";
import { CoverPicker } from "../../_components/cover-picker";

export type EditableTier = {
  id: string;
  name: string;
  description: string;
  benefits: string[];
  monthlyPrice: number;
  annualPrice: number | null;
  memberCap: number | null;
  coverMediaId: string | null;
  status: "draft" | "published" | "archived";
};

type Props = { currency: string; tier?: EditableTier; onDone: () => void };

export function TierForm({ currency, tier, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(tier?.name ?? "");
  const [monthly, setMonthly] = useState(tier ? minorToInput(tier.monthlyPrice, currency) : "");
  const [annual, setAnnual] = useState(tier?.annualPrice != null ? minorToInput(tier.annualPrice, currency) : "");
  const [description, setDescription] = useState(tier?.description ?? "");
  const [benefits, setBenefits] = useState((tier?.benefits ?? []).join("\n"));
  const [cap, setCap] = useState(tier?.memberCap != null ? String(tier.memberCap) : "");
  const [coverMediaId, setCoverMediaId] = useState(tier?.coverMediaId ?? null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.membership.tiers.list.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.membership.tiers.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.membership.tiers.update.mutationOptions({ onSuccess }));
  const mutation = tier ? update : create;
  const error = mutation.error ? uiError(mutation.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const monthlyPrice = parseMoney(monthly || "0", currency);
    if (!monthlyPrice.ok) errors.monthlyPrice = monthlyPrice.message;
    const annualPrice = annual.trim() ? parseMoney(annual, currency) : null;
    if (annualPrice && !annualPrice.ok) errors.annualPrice = annualPrice.message;
    const memberCap = cap.trim() ? Number(cap) : null;
    if (memberCap !== null && (!Number.isInteger(memberCap) || memberCap < 1)) errors.memberCap = "Enter a whole number of places, or leave it empty.";
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || !monthlyPrice.ok || (annualPrice && !annualPrice.ok)) return;
    const values = {
      name,
      description,
      benefits: benefits.split("\n").map((b) => b.trim()).filter(Boolean),
      monthlyPrice: monthlyPrice.minor,
      annualPrice: annualPrice ? annualPrice.minor : null,
      memberCap,
      coverMediaId,
    };
    if (tier) update.mutate({ id: tier.id, ...values });
    else create.mutate(values);
  }

  const err = (field: string) => localErrors[field] ?? fieldError(error, field);

  return (
    <form onSubmit={submit} className="space-y-4 rounded-2xl border border-line bg-card p-5" noValidate aria-label={tier ? `Edit ${tier.name}` : "New tier"}>
      <FormError message={error && !error.field && Object.keys(error.fieldErrors).length === 0 ? error.message : null} />
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={err("name")} placeholder="Supporter" required />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={`Monthly price (${currency})`}
          inputMode="decimal"
          value={monthly}
          onChange={(e) => setMonthly(e.target.value)}
          error={err("monthlyPrice")}
          hint="0 makes a free tier."
          placeholder="5"
        />
        <Field
          label={`Annual price (${currency}, optional)`}
          inputMode="decimal"
          value={annual}
          onChange={(e) => setAnnual(e.target.value)}
          error={err("annualPrice")}
          placeholder="50"
        />
      </div>
      <TextAreaField
        label="Description"
        rows={4}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={err("description")}
        hint="Blank lines start a new paragraph. **bold**, *italic*, [a link](https://…) and lines starting with “- ” for a list."
      />
      <TextAreaField
        label="Benefits"
        rows={3}
        value={benefits}
        onChange={(e) => setBenefits(e.target.value)}
        error={err("benefits")}
        hint="One per line."
      />
      <Field
        label="Member cap (optional)"
        inputMode="numeric"
        value={cap}
        onChange={(e) => setCap(e.target.value)}
        error={err("memberCap")}
        hint="Leave empty for no limit."
      />
      <CoverPicker value={coverMediaId} onChange={setCoverMediaId} error={err("coverMediaId")} hint="Shown with the tier on your join page." />
      <div className="flex gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : tier ? "Save tier" : "Create tier"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
