// The "new post" email, built for one recipient from what the access policy gave them: the whole
// post for readers, only the teaser and a way to upgrade for everyone else. HTML with inline
// styles only (mail clients drop stylesheets), and a plain-text part saying the same.
import "server-only";
import { escapeHtml } from "@/lib/html";
import { button, emailPage, FONT } from "../email-page";
import type { MailMessage } from "../mail";
import type { JoinTier } from "./present";

/** Root-relative addresses (our media, our pages) made absolute: an email has no base URL. */
export function absoluteUrls(html: string, origin: string): string {
  const absolute = (url: string) => (url.startsWith("/") && !url.startsWith("//") ? `${origin}${url}` : url);
  return html
    .replace(/\b(src|href|poster)="([^"]*)"/g, (_, attribute: string, url: string) => `${attribute}="${absolute(url)}"`)
    .replace(/\bsrcset="([^"]*)"/g, (_, value: string) =>
      `srcset="${value
        .split(",")
        .map((candidate) => absolute(candidate.trim()))
        .join(", ")}"`,
    );
}

/** Images and figures stay inside the column on a phone; mail clients ignore class names. */
function emailSafeBody(html: string): string {
  return html
    .replace(/<img /g, '<img style="max-width:100%;height:auto;border-radius:8px;" ')
    .replace(/<a /g, '<a style="color:#8f3415;" ')
    .replace(/<figure\b[^>]*>/g, '<figure style="margin:20px 0;">')
    .replace(/<blockquote>/g, '<blockquote style="margin:16px 0;padding-left:14px;border-left:3px solid #d6d3d1;color:#57534e;">');
}

export type PostEmailContent = {
  to: string;
  creator: { handle: string; displayName: string };
  post: { title: string; slug: string };
  /** Only when the policy grants this recipient the whole post. */
  full: { html: string; text: string } | null;
  /** What the policy gives a recipient without access; empty when the creator shows nothing. */
  teaser: { html: string; text: string };
  /** The cheapest tier that would unlock the post, for recipients without access. */
  joinTier: JoinTier | null;
  /** The counted link to the post (services/analytics/email-links.ts). */
  readUrl: string;
  unsubscribeUrl: string;
  /** Where a mail client POSTs for RFC 8058 one-click unsubscribe. */
  oneClickUnsubscribeUrl: string;
};


function upgradeLabel(tier: JoinTier | null): string {
  if (!tier) return "See the tiers that include this post";
  return `Upgrade to ${tier.name} to read`;
}

export function postNotificationMessage(content: PostEmailContent, origin: string): MailMessage {
  const { creator, post, full, teaser, joinTier } = content;
  const postUrl = content.readUrl;
  const joinUrl = `${origin}/${creator.handle}/join`;
  const accountUrl = `${origin}/account/memberships`;
  const name = escapeHtml(creator.displayName);
  const priced = joinTier && joinTier.monthlyPrice > 0 ? ` (${joinTier.priceLabel} a month)` : "";

  const body = full
    ? `<div style="${FONT}font-size:17px;line-height:1.65;color:#292524;">${emailSafeBody(absoluteUrls(full.html, origin))}</div>${button(postUrl, "Read on Atelier")}`
    : `${teaser.html ? `<div style="${FONT}font-size:17px;line-height:1.65;color:#292524;">${emailSafeBody(absoluteUrls(teaser.html, origin))}</div>` : ""}
<div style="${FONT}margin-top:24px;padding:20px;border-radius:12px;background:#f5f5f4;color:#292524;">
<p style="margin:0;font-size:16px;font-weight:600;">The rest of this post is for ${joinTier ? `${escapeHtml(joinTier.name)} members` : "members of other tiers"}.</p>
<p style="margin:8px 0 0;font-size:15px;line-height:1.5;color:#57534e;">${joinTier ? `Upgrade to ${escapeHtml(joinTier.name)}${escapeHtml(priced)} to read it, and everything else ${name} shares with that tier.` : `Choose a tier on ${name}'s page to read it.`}</p>
${button(joinUrl, upgradeLabel(joinTier))}
<p style="margin:4px 0 0;font-size:14px;"><a href="${escapeHtml(postUrl)}" style="color:#57534e;">Read on Atelier</a></p>
</div>`;

  const html = emailPage({
    title: post.title,
    kicker: `New from <a href="${escapeHtml(`${origin}/${creator.handle}`)}" style="color:#78716c;font-weight:600;">${name}</a>`,
    heading: post.title,
    body,
    footer: `You are getting this email because you are a member of ${name} on Atelier.<br>
<a href="${escapeHtml(content.unsubscribeUrl)}" style="color:#78716c;">Unsubscribe from ${name}'s emails</a> · <a href="${escapeHtml(accountUrl)}" style="color:#78716c;">Manage your memberships</a>`,
  });

  const textBody = full
    ? `${full.text}\n\nRead on Atelier: ${postUrl}`
    : [
        teaser.text,
        `The rest of this post is for ${joinTier ? `${joinTier.name} members` : "members of other tiers"}.`,
        `${upgradeLabel(joinTier)}${priced}: ${joinUrl}`,
        `Read on Atelier: ${postUrl}`,
      ]
        .filter(Boolean)
        .join("\n\n");
  const text = `New from ${creator.displayName}

${post.title}

${textBody}

--
You are getting this email because you are a member of ${creator.displayName} on Atelier.
Unsubscribe from ${creator.displayName}'s emails: ${content.unsubscribeUrl}
Manage your memberships: ${accountUrl}
`;

  return {
    to: content.to,
    subject: `${post.title} · ${creator.displayName}`,
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${content.oneClickUnsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
