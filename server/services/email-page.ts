// The frame every email of ours shares: a white card on a light page, a small line above the
// heading, the body, and a footer saying why it came. Inline styles only (mail clients drop
// stylesheets); callers escape what they put in.
import "server-only";
import { escapeHtml } from "@/lib/html";

export const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

export function button(href: string, label: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:28px 0 8px;"><tr><td style="border-radius:999px;background:#1c1917;"><a href="${escapeHtml(href)}" style="${FONT}display:inline-block;padding:12px 24px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:999px;">${escapeHtml(label)}</a></td></tr></table>`;
}

/** `title` and `heading` are plain text; `kicker`, `body` and `footer` are HTML, already escaped. */
export function emailPage({ title, kicker, heading, body, footer }: { title: string; kicker: string; heading: string; body: string; footer: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#fafaf9;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#fafaf9;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #e7e5e4;border-radius:16px;"><tr><td style="padding:32px 28px;">
<p style="${FONT}margin:0 0 8px;font-size:14px;color:#78716c;">${kicker}</p>
<h1 style="font-family:Georgia,'Times New Roman',serif;margin:0 0 24px;font-size:28px;line-height:1.25;color:#1c1917;">${escapeHtml(heading)}</h1>
${body}
</td></tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;"><tr><td style="${FONT}padding:20px 28px;font-size:13px;line-height:1.6;color:#78716c;">
${footer}
</td></tr></table>
</td></tr></table>
</body></html>`;
}
