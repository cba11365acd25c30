// The three fields of a card (number, expiry, security code), as the sandbox checkout and the
// card update ask for them.
import { Field } from "./field";

export type CardInput = { number: string; expiry: string; cvc: string };

export const EMPTY_CARD: CardInput = { number: "", expiry: "", cvc: "" };

export function CardFields({ card, onChange, numberError }: { card: CardInput; onChange: (card: CardInput) => void; numberError?: string | null }) {
  return (
    <>
      <Field
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        value={card.number}
        onChange={(e) => onChange({ ...card, number: e.target.value })}
        placeholder="4242 4242 4242 4242"
        error={numberError}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Expiry (MM/YY)" autoComplete="cc-exp" value={card.expiry} onChange={(e) => onChange({ ...card, expiry: e.target.value })} placeholder="12/30" />
        <Field
          label="Security code"
          inputMode="numeric"
          autoComplete="cc-csc"
          value={card.cvc}
          onChange={(e) => onChange({ ...card, cvc: e.target.value })}
          placeholder="123"
        />
      </div>
    </>
  );
}
