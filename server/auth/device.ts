// Browsers that have signed in to an account before. After a sign-in, the browser keeps a cookie
// naming it, signed for that account's email. A wrong-password storm from elsewhere then cannot
// lock the owner out of a browser they already use: its failures are counted on their own.
import "server-only";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { siteOrigin } from "../http/site-origin";
import { authSubkey } from "./secret";

export const DEVICE_COOKIE = "atelier-device";
/** About as long as browsers keep a cookie (Chrome caps them at 400 days). */
const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

function signature(deviceId: string, email: string): string {
  return createHmac("sha256", authSubkey("device")).update(`${deviceId}\n${email}`).digest("base64url");
}

/** The cookie's value for a new device that just signed in as `email`. */
export function deviceCookieValue(email: string, deviceId: string = randomUUID()): string {
  return `${deviceId}.${signature(deviceId, email.toLowerCase())}`;
}

function cookieFrom(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/** The id of the device sending `cookieHeader`, if it signed in as `email` before; otherwise null. */
export function knownDevice(cookieHeader: string | null, email: string): string | null {
  const value = cookieFrom(cookieHeader, DEVICE_COOKIE);
  const separator = value?.lastIndexOf(".") ?? -1;
  if (!value || separator <= 0) return null;
  const deviceId = value.slice(0, separator);
  const given = Buffer.from(value.slice(separator + 1));
  const expected = Buffer.from(signature(deviceId, email.toLowerCase()));
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

/** Marks the browser of the current request as one that signed in as `email`. */
export async function rememberDevice(email: string): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE, deviceCookieValue(email), {
    httpOnly: true,
    sameSite: "lax",
    secure: siteOrigin().startsWith("https:"),
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}
