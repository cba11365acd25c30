// The password sign-in limits against real PostgreSQL, tried the way an attacker would: many wrong
// passwords, in a burst, from a rotating X-Forwarded-For, across many emails; and the owner must
// still get in from any client that has not failed.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { createUser } from "../testing/factories";
import { DEVICE_COOKIE, deviceCookieValue } from "./device";
import { signInClient, signInWithPassword, type SignInClient } from "./password-sign-in";

const WRONG = "not the password at all";

function freshAddress(): string {
  return `test-${randomUUID()}`;
}

async function attempts(email: string, password: string, client: SignInClient, count: number) {
  const reasons: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await signInWithPassword(testDb(), { email, password, client });
    reasons.push(result.ok ? "ok" : result.reason);
  }
  return reasons;
}

function tally(reasons: string[]): Record<string, number> {
  return reasons.reduce<Record<string, number>>((counts, reason) => ({ ...counts, [reason]: (counts[reason] ?? 0) + 1 }), {});
}

describe("signInWithPassword", () => {
  it("stops an attacker after 10 wrong passwords, and the owner still signs in from another address", async () => {
    const owner = await createUser(testDb());
    const attacker = { address: freshAddress() };

    expect(tally(await attempts(owner.email, WRONG, attacker, 20))).toEqual({ no_match: 10, rate_limited: 10 });
    // The right password does not help a client that has used up its tries...
    expect(await attempts(owner.email, owner.password, attacker, 1)).toEqual(["rate_limited"]);
    // ...and does not matter to one that has not.
    expect(await attempts(owner.email, owner.password, { address: freshAddress() }, 1)).toEqual(["ok"]);
    expect(await attempts(owner.email, owner.password, { device: randomUUID() }, 1)).toEqual(["ok"]);
  });

  it("keeps a browser that signed in before open, even on the attacker's own address", async () => {
    const db = testDb();
    const owner = await createUser(db);
    const shared = freshAddress();
    const ownersBrowser = signInClient(new Headers({ cookie: `${DEVICE_COOKIE}=${deviceCookieValue(owner.email)}` }), owner.email);
    expect(ownersBrowser).toHaveProperty("device");

    // 50 wrong passwords from the shared address, spread over 50 emails, close the address itself.
    for (let i = 0; i < 50; i++) {
      expect(await attempts(`nobody-${randomUUID()}@example.test`, WRONG, { address: shared }, 1)).toEqual(["no_match"]);
    }
    expect(await attempts(owner.email, owner.password, { address: shared }, 1)).toEqual(["rate_limited"]);
    expect(await attempts(owner.email, owner.password, ownersBrowser, 1)).toEqual(["ok"]);
  });

  it("counts only failures: right passwords, however many, never close the door, and they forgive the owner's typos", async () => {
    const owner = await createUser(testDb());
    const client = { address: freshAddress() };

    expect(tally(await attempts(owner.email, owner.password, client, 25))).toEqual({ ok: 25 });
    expect(tally(await attempts(owner.email, WRONG, client, 9))).toEqual({ no_match: 9 });
    expect(await attempts(owner.email, owner.password, client, 1)).toEqual(["ok"]);
    expect(tally(await attempts(owner.email, WRONG, client, 11))).toEqual({ no_match: 10, rate_limited: 1 });
  });

  it("checks no more than 10 of a burst of simultaneous guesses", async () => {
    const owner = await createUser(testDb());
    const client = { address: freshAddress() };

    const results = await Promise.all(
      Array.from({ length: 30 }, () => signInWithPassword(testDb(), { email: owner.email, password: WRONG, client })),
    );

    expect(tally(results.map((r) => (r.ok ? "ok" : r.reason)))).toEqual({ no_match: 10, rate_limited: 20 });
  });

  it("answers an unknown email exactly like a wrong password, limits included", async () => {
    const client = { address: freshAddress() };
    expect(tally(await attempts(`nobody-${randomUUID()}@example.test`, WRONG, client, 12))).toEqual({ no_match: 10, rate_limited: 2 });
  });
});

describe("signInClient", () => {
  it("does not take a rotating X-Forwarded-For for new clients when no proxy is trusted", async () => {
    const owner = await createUser(testDb());
    const reasons = [];
    for (let i = 0; i < 12; i++) {
      const client = signInClient(new Headers({ "x-forwarded-for": `198.51.100.${i + 1}` }), owner.email);
      const result = await signInWithPassword(testDb(), { email: owner.email, password: WRONG, client });
      reasons.push(result.ok ? "ok" : result.reason);
    }
    expect(tally(reasons)).toEqual({ no_match: 10, rate_limited: 2 });
  });

  it("trusts a device cookie only for the account it was made for, and never a forged one", () => {
    const email = `owner-${randomUUID()}@example.test`;
    const cookie = (value: string) => new Headers({ cookie: `theme=dark; ${DEVICE_COOKIE}=${value}` });
    const made = deviceCookieValue(email, "device-1");

    expect(signInClient(cookie(made), email)).toEqual({ device: "device-1" });
    expect(signInClient(cookie(made), email.toUpperCase())).toEqual({ device: "device-1" });
    expect(signInClient(cookie(made), `someone-else-${email}`)).toHaveProperty("address");
    expect(signInClient(cookie(`device-2.${made.split(".")[1]}`), email)).toHaveProperty("address");
    expect(signInClient(cookie("device-1"), email)).toHaveProperty("address");
  });
});
