// Password sign-in, limited so that it cannot be turned against the account's owner. Only failures
// count, per (email, client) and per client address: a guesser uses up their own tries, and a
// correct password from a client that has not failed always gets in. A client is a browser that
// signed in to this account before (device.ts), or else the address the request came from.
import "server-only";
import type { Db } from "@/db/client";
import { clearRateLimit, consumeRateLimits, RATE_LIMITS, refundRateLimit, type RateLimitCheck } from "../services/rate-limit";
import { checkCredentials } from "../services/users";
import { clientAddress } from "./client-address";
import { knownDevice } from "./device";

export type SignInClient = { device: string } | { address: string };

export type PasswordSignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "no_match" | "rate_limited"; retryAfterSeconds?: number };

/** Who is trying to sign in as `email`, from the request's cookie and address. */
export function signInClient(headers: Headers, email: string): SignInClient {
  const device = knownDevice(headers.get("cookie"), email);
  return device ? { device } : { address: clientAddress(headers) };
}

function failureCounts(email: string, client: SignInClient): { perClient: RateLimitCheck; perAddress?: RateLimitCheck } {
  if ("device" in client) {
    // A known browser answers only for itself: the address it shares with others is not held against it.
    return { perClient: { key: `signin:fail:device:${client.device}:${email}`, rule: RATE_LIMITS.signInFailuresPerClient } };
  }
  return {
    perClient: { key: `signin:fail:pair:${client.address}:${email}`, rule: RATE_LIMITS.signInFailuresPerClient },
    perAddress: { key: `signin:fail:address:${client.address}`, rule: RATE_LIMITS.signInFailuresPerAddress },
  };
}

/** `email` as the sign-in input schema leaves it (trimmed, lower-cased). */
export async function signInWithPassword(
  db: Db,
  attempt: { email: string; password: string; client: SignInClient },
  now: Date = new Date(),
): Promise<PasswordSignInResult> {
  const { perClient, perAddress } = failureCounts(attempt.email, attempt.client);
  const checks = perAddress ? [perClient, perAddress] : [perClient];
  // Counted as a failure up front and given back on success, so a burst of simultaneous guesses
  // cannot all pass on the same count before any of them is known to have failed.
  const limit = await consumeRateLimits(db, checks, now);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const result = await checkCredentials(db, attempt.email, attempt.password);
  if (!result.ok) return { ok: false, reason: "no_match" };
  // The owner's mistakes before this success are forgiven; the address's count is only given back
  // this attempt, or signing in to an account of one's own would wipe a guessing spree clean.
  await Promise.all([clearRateLimit(db, perClient.key), perAddress ? refundRateLimit(db, perAddress.key, now) : undefined]);
  return result;
}
