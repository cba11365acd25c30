"use client";
// Monthly or yearly, for a tier that has a yearly price; shared by both payment paths.

export type BillingInterval = "month" | "year";

type Props = { value: BillingInterval; onChange: (interval: BillingInterval) => void; monthlyLabel: string; annualLabel: string | null };

export function BillingChoice({ value, onChange, monthlyLabel, annualLabel }: Props) {
  if (!annualLabel) return null;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Billing</legend>
      <label className="flex items-center gap-2">
        <input type="radio" name="interval" checked={value === "month"} onChange={() => onChange("month")} /> Monthly, {monthlyLabel}
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" name="interval" checked={value === "year"} onChange={() => onChange("year")} /> Yearly, {annualLabel}
      </label>
    </fieldset>
  );
}

/** The price of the chosen interval, for the pay button. */
export function chosenPrice(interval: BillingInterval, monthlyLabel: string, annualLabel: string | null): string {
  return interval === "year" && annualLabel ? annualLabel : monthlyLabel;
}
