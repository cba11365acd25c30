"use client";
// The address box of the editor's small forms (link, embed): Escape closes the form, and a
// refusal appears right under the box and is announced.

type Props = {
  id: string;
  label: string;
  /** A visible label, or one only screen readers hear (the link bubble has no room). */
  labelHidden?: boolean;
  value: string;
  onChange: (value: string) => void;
  onEscape: () => void;
  placeholder: string;
  error: string | null;
  inputClassName: string;
};

export function UrlInput({ id, label, labelHidden = false, value, onChange, onEscape, placeholder, error, inputClassName }: Props) {
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id} className={labelHidden ? "sr-only" : "block text-xs font-semibold text-muted"}>
        {label}
      </label>
      <input
        id={id}
        autoFocus
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onEscape();
          }
        }}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`rounded-md border border-line px-2 py-1 ${inputClassName}`}
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
