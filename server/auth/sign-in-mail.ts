// Links that sign someone in or finish their sign-up, sent by email. The limit sits where the mail
// is sent, so a form, a script posting to Auth.js's endpoint and a sign-up all share it: a handful
// of links per recipient, and per asking address, every fifteen minutes. A refused request sends
// nothing and counts nothing.
import "server-only";
import { AuthError } from "next-auth";
import type { Db } from "@/db/client";
import { escapeHtml } from "@/lib/html";
import { log } from "../observability/log";
import { sendMail, type MailMessage } from "../services/mail";
import { consumeRateLimits, RATE_LIMITS } from "../services/rate-limit";

/**
 * Refuses a link over the limit. Auth.js sends people who posted its endpoint directly to the login
 * page with `error=AccessDenied`, its word for a sign-in we refused; our forms catch it and say why.
 */
export class SignInMailRefused extends AuthError {
  static type = "AccessDenied";
}

/** Sends `message` unless its recipient or the asking address has had enough links lately. */
export async function sendSignInMail(db: Db, message: MailMessage, from: { address: string }, now = new Date()): Promise<void> {
  const limit = await consumeRateLimits(
    db,
    [
      { key: `mail:signin:to:${message.to.toLowerCase()}`, rule: RATE_LIMITS.signInMailPerEmail },
      { key: `mail:signin:from:${from.address}`, rule: RATE_LIMITS.signInMailPerAddress },
    ],
    now,
  );
  if (!limit.allowed) throw new SignInMailRefused();
  await sendMail(db, message);
  // The address is written redacted (j…@example.com): enough to answer "I never got my link".
  log.info({ to: message.to }, "sign-in link sent");
}

export function signUpLinkMessage(to: string, url: string): MailMessage {
  const host = new URL(url).host;
  return {
    to,
    subject: `Finish creating your Atelier account (${host})`,
    text: `Finish creating your Atelier account:\n\n${url}\n\nThe link works for 24 hours. If you did not sign up, ignore this email: no account is made without it.`,
    html: `<p>Finish creating your Atelier account:</p><p><a href="${escapeHtml(url)}">Create my account</a></p><p>The link works for 24 hours. If you did not sign up, ignore this email: no account is made without it.</p>`,
  };
}
