// Money is integer minor units plus an ISO 4217 currency: formatting for people, and parsing
// what people type ("12", "12.5", "1,200.00") back into minor units without floating point.

/** Minor-unit digits of a currency (2 for USD/EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function isKnownCurrency(currency: string): boolean {
  if (!/^[A-Z]{3}$/.test(currency)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency });
    return true;
  } catch {
    return false;
  }
}

/** "$12.50", "¥1,200", "Free" for zero when `freeLabel` is given. */
export function formatMoney(minor: number, currency: string, options: { locale?: string; freeLabel?: string } = {}): string {
  if (minor === 0 && options.freeLabel) return options.freeLabel;
  const digits = currencyDigits(currency);
  const formatter = new Intl.NumberFormat(options.locale ?? "en", {
    style: "currency",
    currency,
    // Whole amounts read better without ".00".
    minimumFractionDigits: minor % 10 ** digits === 0 ? 0 : digits,
    maximumFractionDigits: digits,
  });
  return formatter.format(minor / 10 ** digits);
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; message: string };

/** The largest amount a price may have, in minor units: keeps sums far below 2^31. */
export const MAX_PRICE_MINOR = 100_000_00;

/**
 * Parses a price typed by a person. Accepts digits with an optional decimal point (or comma) and
 * thousands separators; refuses negatives, more decimals than the currency has, and absurd sizes.
 */
export function parseMoney(input: string, currency: string): ParsedMoney {
  const text = input.trim().replace(/^[^\d.,-]+|[^\d.,]+$/g, "");
  if (text === "") return { ok: false, message: "Enter a price." };
  if (text.startsWith("-")) return { ok: false, message: "A price cannot be negative." };
  const digits = currencyDigits(currency);
  const normalized = normalizeSeparators(text.replace(/\s/g, ""));
  const match = normalized === null ? null : /^(\d+)(?:\.(\d+))?$/.exec(normalized);
  if (!match) return { ok: false, message: "Enter a price like 5 or 4.99." };
  const whole = match[1]!;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? `${currency} has no cents: enter a whole amount.` : `Use at most ${digits} decimals.` };
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor) || minor > MAX_PRICE_MINOR) return { ok: false, message: "That price is too high." };
  return { ok: true, minor };
}

/**
 * Turns "1,200.50", "1.200,50", "4,99" and "4.99" into "1200.50"/"4.99". With both separators the
 * last one is the decimal point; a lone comma followed by exactly three digits groups thousands.
 */
function normalizeSeparators(text: string): string | null {
  const hasComma = text.includes(",");
  const hasDot = text.includes(".");
  if (hasComma && hasDot) {
    const decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
    const group = decimal === "," ? "." : ",";
    const parts = text.split(decimal);
    if (parts.length !== 2) return null;
    return `${parts[0]!.split(group).join("")}.${parts[1]}`;
  }
  const separator = hasComma ? "," : hasDot ? "." : null;
  if (!separator) return text;
  const parts = text.split(separator);
  if (parts.length === 2 && !(separator === "," && parts[1]!.length === 3)) return `${parts[0]}.${parts[1]}`;
  return parts.slice(1).every((part) => part.length === 3) ? parts.join("") : null;
}

/** A minor-unit amount as the plain number a price input shows ("4.99", "1200"). */
export function minorToInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** digits);
  const fraction = String(minor % 10 ** digits).padStart(digits, "0");
  return fraction === "0".repeat(digits) ? String(whole) : `${whole}.${fraction}`;
}
