// Password hashing with scrypt (memory-hard, in Node's standard library: no native addon to build).
import "server-only";
import "server-only";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { isTest } from "../env";

type ScryptParams = { N: number; r: number; p: number };

const PRODUCTION_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/** 32 times cheaper: fine for throwaway test accounts, never for a real one. */
const TEST_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const KEY_LENGTH = 32;

let params = PRODUCTION_PARAMS;

/**
 * Test runs register hundreds of users, and at the production cost their hashing dominated the
 * integration layer. Only the test setup calls this, and it is refused unless NODE_ENV is "test",
 * so no setting can lower the cost of a real deployment. Hashes made this way still verify
 * anywhere, since verification reads the cost from the stored hash.
 */
export function lowerPasswordCostForTests(): void {
  if (!isTest()) {
    throw new Error("The test password cost is only available when NODE_ENV is \"test\".");
  }
  params = TEST_PARAMS;
}

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function maxmem(N: number, r: number): number {
  return 256 * N * r;
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = params;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r, p, maxmem: maxmem(N, r) });
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** Parameters are read from the stored hash, so raising them later keeps old passwords valid. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password, Buffer.from(salt, "base64"), { N, r: R, p: Number(p), maxmem: maxmem(N, R) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
