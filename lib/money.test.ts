import { describe, expect, it } from "vitest";
import { formatMoney, minorToInput, parseMoney } from "./money";

describe("formatting money", () => {
  it("formats minor units in the currency, dropping .00 on whole amounts", () => {
    expect(formatMoney(499, "USD")).toBe("$4.99");
    expect(formatMoney(500, "USD")).toBe("$5");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
    expect(formatMoney(0, "EUR", { freeLabel: "Free" })).toBe("Free");
  });
});

describe("parsing typed prices", () => {
  it("reads common ways of writing a price without floating-point drift", () => {
    expect(parseMoney("4.99", "USD")).toEqual({ ok: true, minor: 499 });
    expect(parseMoney("4,99", "EUR")).toEqual({ ok: true, minor: 499 });
    expect(parseMoney("$ 1,200.50", "USD")).toEqual({ ok: true, minor: 120050 });
    expect(parseMoney("0.1", "USD")).toEqual({ ok: true, minor: 10 });
    expect(parseMoney("1200", "JPY")).toEqual({ ok: true, minor: 1200 });
    expect(parseMoney("0", "USD")).toEqual({ ok: true, minor: 0 });
  });

  it("refuses what is not a price, with a reason", () => {
    expect(parseMoney("", "USD")).toMatchObject({ ok: false, message: "Enter a price." });
    expect(parseMoney("-5", "USD")).toMatchObject({ ok: false, message: "A price cannot be negative." });
    expect(parseMoney("4.999", "USD")).toMatchObject({ ok: false, message: "Use at most 2 decimals." });
    expect(parseMoney("12.5", "JPY")).toMatchObject({ ok: false });
    expect(parseMoney("five", "USD")).toMatchObject({ ok: false });
    expect(parseMoney("99999999", "USD")).toMatchObject({ ok: false, message: "That price is too high." });
  });

  it("round-trips through the input form", () => {
    expect(minorToInput(499, "USD")).toBe("4.99");
    expect(minorToInput(500, "USD")).toBe("5");
    expect(minorToInput(1200, "JPY")).toBe("1200");
  });
});
