// The dashboard's figures: their names, how each is written, and how a change reads.
import { formatMoney } from "@/lib/money";
import type { Figures } from "@/server/services/analytics/dashboard";

export type FigureKey = Exclude<keyof Figures, "emailsSent" | "emailClicks" | "feedFetches">;

export const FIGURES: { key: FigureKey; label: string; money?: boolean; upIsGood: boolean }[] = [
  { key: "visitors", label: "Visitors", upIsGood: true },
  { key: "views", label: "Views", upIsGood: true },
  { key: "engaged", label: "Engaged reads", upIsGood: true },
  { key: "freeMembers", label: "New free members", upIsGood: true },
  { key: "paidMembers", label: "New paid members", upIsGood: true },
  { key: "cancellations", label: "Cancellations", upIsGood: false },
  { key: "mrrChange", label: "Net MRR change", money: true, upIsGood: true },
];

const numbers = new Intl.NumberFormat("en");

export function formatCount(value: number): string {
  return numbers.format(value);
}

export function formatterFor(figure: { money?: boolean }, currency: string): (value: number) => string {
  return figure.money ? (value) => `${value > 0 ? "+" : value < 0 ? "−" : ""}${formatMoney(Math.abs(value), currency)}` : formatCount;
}

/** "+12%", "−3%", "new" (from nothing), or "" when both are nothing. */
export function changeLabel(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "" : "new";
  const change = Math.round(((current - previous) / Math.abs(previous)) * 100);
  return change === 0 ? "no change" : `${change > 0 ? "+" : "−"}${Math.abs(change)}%`;
}
