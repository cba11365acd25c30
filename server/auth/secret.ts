// AUTH_SECRET signs Auth.js tokens, and through keys derived from it our device cookies and sign-up
// links. Development invents one and keeps it in .data so sessions survive restarts; production
// refuses to start without one.
import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, isProduction } from "../env";

export class MissingAuthSecretError extends Error {
  constructor() {
    super("AUTH_SECRET is not set. Production refuses to start without it: generate one with `openssl rand -base64 32`.");
  }
}

export function authSecret(): string {
  const { AUTH_SECRET: fromEnv, ATELIER_DATA_DIR: dataDir } = env();
  if (fromEnv) return fromEnv;
  if (isProduction()) throw new MissingAuthSecretError();
  const file = path.resolve(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

const subkeys = new Map<string, Buffer>();

/**
 * A key of its own for each use of AUTH_SECRET (device cookies, sign-up links), derived with HKDF,
 * so a value made for one purpose can never be passed off as another.
 */
export function authSubkey(purpose: string): Buffer {
  let key = subkeys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", authSecret(), "", `atelier:${purpose}`, 32));
    subkeys.set(purpose, key);
  }
  return key;
}
