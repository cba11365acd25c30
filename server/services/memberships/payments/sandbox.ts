// The built-in sandbox provider: no money moves. Test card numbers decide the outcome, so every
// path (success, decline, insufficient funds) can be tried by hand and by tests.
import "server-only";
import { createHash } from "node:crypto";
import type { CardDetails, ChargeRequest, ChargeResult, PaymentFailure, PaymentProvider } from "./provider";

export const SANDBOX_CARDS = {
  success: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
} as const;

const FAILURES = {
  card_declined: "Your card was declined. No money was taken; try another card.",
  insufficient_funds: "Your card has insufficient funds. No money was taken; try another card.",
  expired_card: "Your card has expired. Check the expiry date or use another card.",
  processing_error: "This is a test checkout: use one of the test cards shown below the form.",
} satisfies Record<PaymentFailure["code"], string>;

function failure(code: PaymentFailure["code"]): PaymentFailure {
  return { ok: false, code, message: FAILURES[code] };
}

/** Payment methods name the outcome they will produce, never the card number. */
const METHOD_PREFIX = "sbx_pm_";
const OUTCOME_BY_CARD: Record<string, "success" | PaymentFailure["code"]> = {
  [SANDBOX_CARDS.success]: "success",
  [SANDBOX_CARDS.declined]: "card_declined",
  [SANDBOX_CARDS.insufficientFunds]: "insufficient_funds",
};

function expired(expiry: string, now: Date): boolean {
  const [month, year] = expiry.split("/").map((part) => Number(part.trim()));
  if (!month || year === undefined || Number.isNaN(year)) return true;
  // A card is valid through the last day of its expiry month.
  return now.getTime() >= Date.UTC(2000 + year, month, 1);
}

export const sandboxProvider: PaymentProvider = {
  name: "sandbox",

  createPaymentMethod(card: CardDetails, now: Date) {
    const outcome = OUTCOME_BY_CARD[card.number.replace(/\D/g, "")];
    if (!outcome) return failure("processing_error");
    if (expired(card.expiry, now)) return failure("expired_card");
    return { ok: true, paymentMethod: `${METHOD_PREFIX}${outcome}` };
  },

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const outcome = request.paymentMethod.startsWith(METHOD_PREFIX) ? request.paymentMethod.slice(METHOD_PREFIX.length) : "";
    if (outcome === "success") {
      // Deterministic per key, as a real provider answers a retried request with the same charge.
      const digest = createHash("sha256").update(request.idempotencyKey).digest("hex").slice(0, 24);
      return { ok: true, providerPaymentId: `sbx_ch_${digest}` };
    }
    if (outcome === "card_declined" || outcome === "insufficient_funds" || outcome === "expired_card") return failure(outcome);
    return failure("processing_error");
  },
};
