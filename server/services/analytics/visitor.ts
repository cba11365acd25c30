// Unique visitors without cookies: a visitor is a hash of their address, browser and this site,
// salted with a random value that changes every UTC day and is deleted 48 hours later. Within a
// day the same reader hashes the same; across days, and once the salt is gone, nothing links them.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { analyticsSalts } from "@/db/schema";

const SALT_KEPT_HOURS = 48;

/** Salts already read, by UTC day; a process holds two at most. */
const known = new Map<string, Promise<string>>();

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

async function readOrCreateSalt(db: Db, day: string): Promise<string> {
  // Two processes may reach a new day together: the first salt written is everyone's.
  await db.insert(analyticsSalts).values({ day, salt: randomBytes(32).toString("hex") }).onConflictDoNothing();
  const [row] = await db.select({ salt: analyticsSalts.salt }).from(analyticsSalts).where(sql`${analyticsSalts.day} = ${day}`);
  return row!.salt;
}

/** The salt of `at`'s UTC day, made on first use. */
export function saltOf(db: Db, at: Date): Promise<string> {
  const day = utcDay(at);
  let salt = known.get(day);
  if (!salt) {
    salt = readOrCreateSalt(db, day);
    salt.catch(() => known.delete(day));
    for (const old of known.keys()) if (old < day) known.delete(old);
    known.set(day, salt);
  }
  return salt;
}

export function visitorHash(salt: string, address: string, userAgent: string, site: string): string {
  return createHash("sha256").update(`${salt}\n${address}\n${userAgent}\n${site}`).digest("hex").slice(0, 32);
}

/** Deletes salts older than 48 hours: after that, no hash can be recomputed from anything. */
export async function purgeOldSalts(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - SALT_KEPT_HOURS * 3_600_000);
  const gone = await db.delete(analyticsSalts).where(lt(analyticsSalts.createdAt, cutoff)).returning({ day: analyticsSalts.day });
  for (const { day } of gone) known.delete(day);
  return gone.length;
}
