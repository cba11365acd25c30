/** One idempotency key per payment attempt: a double click reuses it; a failed attempt takes a new one. */
export function newCheckoutKey(): string {
  return `checkout-${crypto.randomUUID()}`;
}
