import { describe, expect, it } from "vitest";
import { SANDBOX_CARDS, sandboxProvider } from "./sandbox";

const NOW = new Date("2026-06-01T00:00:00Z");
const card = (number: string, expiry = "12/30") => ({ number, expiry, cvc: "123" });

async function charge(number: string, expiry?: string) {
  const method = sandboxProvider.createPaymentMethod(card(number, expiry), NOW);
  if (!method.ok) return method;
  return sandboxProvider.charge({ amount: 500, currency: "USD", paymentMethod: method.paymentMethod, idempotencyKey: "k".repeat(20), description: "t" });
}

describe("the sandbox provider", () => {
  it("succeeds with the success card, with the same charge id for the same key", async () => {
    const first = await charge(SANDBOX_CARDS.success);
    expect(first).toMatchObject({ ok: true });
    expect(await charge(SANDBOX_CARDS.success)).toEqual(first);
  });

  it("declines and reports insufficient funds with plain words", async () => {
    expect(await charge(SANDBOX_CARDS.declined)).toMatchObject({ ok: false, code: "card_declined", message: expect.stringContaining("declined") });
    expect(await charge(SANDBOX_CARDS.insufficientFunds)).toMatchObject({ ok: false, code: "insufficient_funds", message: expect.stringContaining("insufficient funds") });
  });

  it("refuses expired cards and cards that are not test cards", async () => {
    expect(await charge(SANDBOX_CARDS.success, "01/26")).toMatchObject({ ok: false, code: "expired_card" });
    expect(await charge("5555555555554444")).toMatchObject({ ok: false, code: "processing_error" });
  });
});
