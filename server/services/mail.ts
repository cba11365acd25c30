// Outgoing mail behind one interface: SMTP when SMTP_URL is set, otherwise the dev outbox table
// that a developer reads at /dev/outbox (development only). Each send is a span and a log line,
// neither of which names the recipient.
import "server-only";
import { desc } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { escapeHtml } from "@/lib/html";
import { env } from "../env";
import { log } from "../observability/log";
import { withSpan } from "../observability/tracing";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe; both transports carry them. */
  headers?: Record<string, string>;
};

export interface MailTransport {
  readonly name: "smtp" | "outbox";
  send(db: Db, message: MailMessage): Promise<void>;
}

export const outboxTransport: MailTransport = {
  name: "outbox",
  async send(db, message) {
    await db.insert(mailOutbox).values({ ...message, headers: message.headers ?? null, transport: "outbox" });
  },
};

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: "smtp",
    async send(_db, message) {
      await transporter.sendMail({ from, ...message });
    },
  };
}

let configured: MailTransport | undefined;

export function mailTransport(): MailTransport {
  const { SMTP_URL: url, MAIL_FROM: from } = env();
  configured ??= url ? smtpTransport(url, from) : outboxTransport;
  return configured;
}

export async function sendMail(db: Db, message: MailMessage): Promise<void> {
  const transport = mailTransport();
  await withSpan("email.send", { "email.transport": transport.name }, () => transport.send(db, message));
  log.info({ transport: transport.name }, "email sent");
}

export async function listOutbox(db: Db, limit = 50) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

export function magicLinkMessage(to: string, url: string): MailMessage {
  const host = new URL(url).host;
  return {
    to,
    subject: `Your sign-in link for Atelier (${host})`,
    text: `Sign in to Atelier:\n\n${url}\n\nThe link works once and expires in 24 hours. If you did not ask for it, ignore this email.`,
    html: `<p>Sign in to Atelier:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires in 24 hours. If you did not ask for it, ignore this email.</p>`,
  };
}

/** The dev outbox as a developer reads it in the browser; only ever called in development. */
export async function readDevOutbox(limit = 50) {
  const { getDb } = await import("@/db/client");
  return listOutbox(getDb(), limit);
}
