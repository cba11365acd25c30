// A labelled filter menu: a first choice that means "any", then the options. Works controlled (the
// studio library's filters) or as a plain form field (the public archive's GET form).
import type { SelectHTMLAttributes } from "react";

export const filterControlClass =
  "block w-full rounded-lg border border-line bg-card px-3 py-2 text-sm text-ink focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/20";

type Props = { label: string; anyLabel: string; options: readonly { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>;

export function ChoiceSelect({ label, anyLabel, options, ...select }: Props) {
  return (
    <label className="block text-xs font-medium text-muted">
      <span className="mb-1 block">{label}</span>
      <select {...select} className={filterControlClass}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
