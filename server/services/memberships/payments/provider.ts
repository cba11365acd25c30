// What a payment provider does for us, whichever it is: turn card details into a reusable payment
// method, and charge one exactly once per idempotency key.
import "server-only";
export type CardDetails = { number: string; expiry: string; cvc: string };

export type PaymentFailureCode = "card_declined" | "insufficient_funds" | "expired_card" | "processing_error";

export type PaymentFailure = { ok: false; code: PaymentFailureCode; message: string };

export type ChargeRequest = {
  amount: number;
  currency: string;
  /** A token from `createPaymentMethod`, kept on the membership for renewals. */
  paymentMethod: string;
  idempotencyKey: string;
  description: string;
};

export type ChargeResult = { ok: true; providerPaymentId: string } | PaymentFailure;

export interface PaymentProvider {
  readonly name: string;
  createPaymentMethod(card: CardDetails, now: Date): { ok: true; paymentMethod: string } | PaymentFailure;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}
