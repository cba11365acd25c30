// The payment ledger: one row per charge attempt, unique per idempotency key, written in the same
// transaction as the membership change it pays for.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments } from "@/db/schema";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

export async function findPaymentByKey(tx: Tx | Db, idempotencyKey: string): Promise<PaymentRow | null> {
  return (await tx.query.payments.findFirst({ where: eq(payments.idempotencyKey, idempotencyKey) })) ?? null;
}

/** Writes a ledger row; a second write with the same key is a no-op that returns null. */
export async function recordPayment(tx: Tx | Db, payment: NewPayment): Promise<PaymentRow | null> {
  const [row] = await tx.insert(payments).values(payment).onConflictDoNothing({ target: payments.idempotencyKey }).returning();
  return row ?? null;
}

/** The end of a billing period that starts at `from`, in UTC, clamped to the month's last day. */
export function addInterval(from: Date, interval: "month" | "year"): Date {
  const months = interval === "year" ? 12 : 1;
  const target = new Date(from.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}
