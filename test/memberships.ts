// What the membership tests share: a creator with a free, a supporter and a patron tier, a fan, a
// clock, and the fan's rows as the database holds them. Rows are made by the factories.
import { eq } from "drizzle-orm";
import { memberships, payments } from "@/db/schema";
import { createCreator, createTier, createUser } from "@/server/testing/factories";
import { serviceContext, testDb, type ViewerLike } from "./db";

// The factories' own card and key, under the short names the checkout calls read best with.
export { sandboxCard as card, checkoutKey as key } from "@/server/testing/factories";

/** The clock the membership tests start at: periods end on the 10th, at 10:00 UTC. */
export const T0 = new Date("2026-03-10T10:00:00Z");
export const DAY = 24 * 60 * 60 * 1000;

export function at(viewer: ViewerLike, now = T0) {
  return serviceContext({ viewer, now });
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
