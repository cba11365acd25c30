// What the membership tests share: a creator with a free, a supporter and a patron tier, a fan, a
// sandbox card, and the fan's rows as the database holds them.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { memberships, payments } from "@/db/schema";
import { SANDBOX_CARDS } from "@/server/services/memberships/payments/sandbox";
import { createCreator, createTier, createUser } from "@/server/testing/factories";
import { serviceContext, testDb, type ViewerLike } from "./db";

/** The clock the membership tests start at: periods end on the 10th, at 10:00 UTC. */
export const T0 = new Date("2026-03-10T10:00:00Z");
export const DAY = 24 * 60 * 60 * 1000;

export function at(viewer: ViewerLike, now = T0) {
  return serviceContext({ viewer, now });
}

export function card(number: string = SANDBOX_CARDS.success) {
  return { number, expiry: "12/34", cvc: "123" };
}

/** A fresh idempotency key, as the checkout form makes one per attempt. */
export function key() {
  return `test-${randomUUID()}`;
}

export async function creatorWithTiers() {
  const db = testDb();
  const creator = await createCreator(db);
  const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0, now: T0 });
  const supporter = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500, annualPrice: 5000, now: T0 });
  const patron = await createTier(db, { creator, name: "Patron", monthlyPrice: 1500, now: T0 });
  const fan = await createUser(db);
  return { db, creator, free, supporter, patron, fan };
}

export async function ledgerOf(userId: string) {
  return testDb().select().from(payments).where(eq(payments.userId, userId));
}

export async function membershipsOf(userId: string) {
  return testDb().select().from(memberships).where(eq(memberships.userId, userId));
}
