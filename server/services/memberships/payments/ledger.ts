// The payment ledger: one row per charge attempt, unique per idempotency key, written in the same
// transaction as the membership change it pays for.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments } from "@/db/schema";
import type { ChargeResult, PaymentProvider } from "./provider";

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

/** A charge about to be made: its ledger row, but for the outcome. */
export type PaymentAttempt = Omit<NewPayment, "id" | "status" | "providerPaymentId" | "failureCode" | "failureMessage">;

/**
 * Charges `attempt` through `provider`. A decline is written to the ledger as failed, in the same
 * transaction, and handed back for the caller to report; a success is the caller's to record,
 * with the membership it pays for.
 */
export async function chargeAttempt(
  tx: Tx,
  provider: PaymentProvider,
  attempt: PaymentAttempt,
  details: { paymentMethod: string; description: string },
): Promise<ChargeResult> {
  const charge = await provider.charge({ amount: attempt.amount, currency: attempt.currency, idempotencyKey: attempt.idempotencyKey, ...details });
  if (!charge.ok) await recordPayment(tx, { ...attempt, status: "failed", failureCode: charge.code, failureMessage: charge.message });
  return charge;
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
