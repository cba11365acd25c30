// A setting that is saved as soon as its box is ticked or cleared: the box, what it does (in words
// that follow its state), an announcement once saved, and the error if the save was refused.
import type { ReactNode } from "react";
import { FormError } from "./field";

export function SettingToggle({
  label,
  description,
  checked,
  pending,
  onChange,
  savedMessage,
  error,
}: {
  label: ReactNode;
  description: ReactNode;
  checked: boolean;
  pending: boolean;
  onChange: (checked: boolean) => void;
  /** Announced to screen readers once the change is saved (empty before). */
  savedMessage: string;
  error: string | null;
}) {
  return (
    <>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          checked={checked}
          disabled={pending}
          onChange={(event) => onChange(event.target.checked)}
          className="mt-0.5 size-4 accent-accent"
        />
        <span>
          <span className="block font-medium">{label}</span>
          <span className="block text-muted">{description}</span>
        </span>
      </label>
      <p role="status" className="sr-only">
        {savedMessage}
      </p>
      <FormError message={error} />
    </>
  );
}
