// The email a fan gets when they join: welcome, what their tier is, for a paid join the receipt
// (amount, period, when it renews), and whom the creator recommends. Sent once per membership:
// the membership row is claimed (welcomed_at) before the email goes, so a job that runs twice, or
// the sweep beside it, sends nothing twice; a send that fails gives the claim back for the sweep.
import "server-only";
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, memberships, payments, tiers, users } from "@/db/schema";
import { escapeHtml } from "@/lib/html";
import { formatMoney } from "@/lib/money";
import { siteOrigin } from "../../http/site-origin";
import { log } from "../../observability/log";
import { recommendationHref, recommendationsOf, type RecommendationCard } from "../discovery/recommendations";
import { button, emailPage, FONT } from "../email-page";
import { sendMail, type MailMessage } from "../mail";

/** Joins older than this are not welcomed late: a welcome days after the fact is noise. */
const WELCOME_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

export type WelcomeContent = {
  to: string;
  name: string | null;
  creator: { handle: string; displayName: string };
  tier: { name: string };
  /** For a paid join: what was charged, and when the next charge is. */
  receipt: { amount: number; currency: string; interval: "month" | "year"; paidAt: Date; reference: string; renewsAt: Date | null } | null;
  recommendations: RecommendationCard[];
};

const DAY = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export function welcomeMessage(content: WelcomeContent, origin: string): MailMessage {
  const { creator, tier, receipt } = content;
  const name = escapeHtml(creator.displayName);
  const pageUrl = `${origin}/${creator.handle}`;
  const accountUrl = `${origin}/account/memberships`;
  const greeting = content.name ? `Hi ${content.name},` : "Hi,";
  const joined = `You are now a ${tier.name} member of ${creator.displayName}.`;
  const receiptLines = receipt
    ? [
        ["Paid", `${formatMoney(receipt.amount, receipt.currency)} for a ${receipt.interval}`],
        ["Date", DAY.format(receipt.paidAt)],
        ...(receipt.renewsAt ? [["Renews", `${DAY.format(receipt.renewsAt)}, unless you cancel before then`]] : []),
        ["Reference", receipt.reference],
      ]
    : [];
  const recommended = content.recommendations.map((card) => ({
    ...card,
    url: `${origin}${recommendationHref(card.id, "email")}`,
  }));

  const body = `<div style="${FONT}font-size:17px;line-height:1.65;color:#292524;">
<p style="margin:0 0 12px;">${escapeHtml(greeting)}</p>
<p style="margin:0 0 12px;">${escapeHtml(joined)} Everything ${name} shares with ${escapeHtml(tier.name)} members is open to you now.</p>
</div>
${button(pageUrl, `Go to ${creator.displayName}'s page`)}
${
  receipt
    ? `<h2 style="${FONT}margin:28px 0 8px;font-size:17px;color:#1c1917;">Receipt</h2>
<table role="presentation" cellpadding="0" cellspacing="0" style="${FONT}font-size:15px;line-height:1.6;color:#292524;">${receiptLines
        .map(([label, value]) => `<tr><td style="padding:2px 16px 2px 0;color:#78716c;">${escapeHtml(label!)}</td><td style="padding:2px 0;">${escapeHtml(value!)}</td></tr>`)
        .join("")}</table>`
    : ""
}
${
  recommended.length
    ? `<h2 style="${FONT}margin:28px 0 8px;font-size:17px;color:#1c1917;">${name} recommends</h2>
<ul style="${FONT}margin:0;padding:0 0 0 18px;font-size:15px;line-height:1.6;color:#292524;">${recommended
        .map(
          (card) =>
            `<li style="margin:0 0 8px;"><a href="${escapeHtml(card.url)}" style="color:#8f3415;font-weight:600;">${escapeHtml(card.creator.displayName)}</a>${card.reason ? `: ${escapeHtml(card.reason)}` : ""}</li>`,
        )
        .join("")}</ul>`
    : ""
}`;

  const html = emailPage({
    title: `Welcome to ${creator.displayName}`,
    kicker: `<a href="${escapeHtml(pageUrl)}" style="color:#78716c;font-weight:600;">${name}</a> on Atelier`,
    heading: `Welcome to ${creator.displayName}`,
    body,
    footer: `You are getting this email because you joined ${name} on Atelier.<br><a href="${escapeHtml(accountUrl)}" style="color:#78716c;">Manage your memberships</a> (change tier, cancel, update your card)`,
  });

  const text = [
    greeting,
    `${joined} Everything ${creator.displayName} shares with ${tier.name} members is open to you now.`,
    `Go to ${creator.displayName}'s page: ${pageUrl}`,
    receipt ? ["Receipt", ...receiptLines.map(([label, value]) => `${label}: ${value}`)].join("\n") : "",
    recommended.length
      ? [`${creator.displayName} recommends`, ...recommended.map((card) => `- ${card.creator.displayName}${card.reason ? `: ${card.reason}` : ""} ${card.url}`)].join("\n")
      : "",
    `--\nYou are getting this email because you joined ${creator.displayName} on Atelier.\nManage your memberships: ${accountUrl}`,
  ]
    .filter(Boolean)
    .join("\n\n");

  return { to: content.to, subject: `Welcome to ${creator.displayName}${receipt ? ": your receipt" : ""}`, text: `${text}\n`, html };
}

/**
 * Sends the membership's welcome email unless it went already. Returns whether this call sent it.
 * A failed send is logged and left for the sweep.
 */
export async function sendWelcome(db: Db, membershipId: string, now: Date): Promise<boolean> {
  const [claimed] = await db
    .update(memberships)
    .set({ welcomedAt: now })
    .where(and(eq(memberships.id, membershipId), isNull(memberships.welcomedAt)))
    .returning({ id: memberships.id });
  if (!claimed) return false;
  try {
    const [row] = await db
      .select({
        email: users.email,
        name: users.name,
        handle: creators.handle,
        displayName: creators.displayName,
        creatorId: creators.id,
        tierName: tiers.name,
        price: memberships.price,
        currency: memberships.currency,
        interval: memberships.interval,
        currentPeriodEnd: memberships.currentPeriodEnd,
        status: memberships.status,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(creators, eq(creators.id, memberships.creatorId))
      .innerJoin(tiers, eq(tiers.id, memberships.tierId))
      .where(eq(memberships.id, membershipId));
    // Left before the email went (or already replaced by a paid one): nothing to welcome.
    if (!row || row.status === "expired") return false;
    const [payment] =
      row.price > 0
        ? await db
            .select({ id: payments.id, amount: payments.amount, currency: payments.currency, createdAt: payments.createdAt })
            .from(payments)
            .where(and(eq(payments.membershipId, membershipId), eq(payments.status, "succeeded")))
            .orderBy(desc(payments.createdAt))
            .limit(1)
        : [];
    const message = welcomeMessage(
      {
        to: row.email,
        name: row.name,
        creator: { handle: row.handle, displayName: row.displayName },
        tier: { name: row.tierName },
        receipt: payment
          ? {
              amount: payment.amount,
              currency: payment.currency,
              interval: row.interval,
              paidAt: payment.createdAt,
              reference: payment.id,
              renewsAt: row.status === "cancelling" ? null : row.currentPeriodEnd,
            }
          : null,
        recommendations: await recommendationsOf(db, row.creatorId),
      },
      siteOrigin(),
    );
    await sendMail(db, message);
    return true;
  } catch (error) {
    await db.update(memberships).set({ welcomedAt: null }).where(eq(memberships.id, membershipId));
    log.error({ err: error, membershipId }, "could not send a welcome email; the sweep will try again");
    return false;
  }
}

/** Welcomes members who joined in the last two days and were not welcomed (a lost job, a failed send). */
export async function welcomeMissed(db: Db, now: Date): Promise<number> {
  const missed = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(isNull(memberships.welcomedAt), gte(memberships.startedAt, new Date(now.getTime() - WELCOME_WINDOW_MS)), sql`${memberships.status} <> 'expired'`))
    .limit(500);
  let sent = 0;
  for (const { id } of missed) if (await sendWelcome(db, id, now)) sent += 1;
  return sent;
}
