// Signed, expiring media addresses for places that carry no session: an email's images and files.
// The signature names the file and the moment it stops working, made with the site's secret; it
// is handed out only after the access policy let that recipient see the post the HTML came from.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { isMediaId } from "@/lib/document/media";
import { authSecret } from "../../auth/secret";

/** How long an email's media keep loading: long enough to read the news, not a permanent key. */
export const EMAIL_MEDIA_TTL_MS = 30 * 24 * 60 * 60 * 1000;

// NOTE: a purpose prefix, so no other token signed with the same secret can pass as this one.
const PURPOSE = "atelier:media-url:v1";

function signature(mediaId: string, expires: number): string {
  return createHmac("sha256", authSecret()).update(`${PURPOSE}\n${mediaId}\n${expires}`).digest("base64url");
}

export type MediaGrant = { expires: string | null; signature: string | null };

/** Whether a request's `exp` and `sig` open this file now. Anything malformed simply does not. */
export function isValidMediaGrant(mediaId: string, grant: MediaGrant, now: Date): boolean {
  if (!grant.expires || !grant.signature || !/^\d{1,13}$/.test(grant.expires)) return false;
  const expires = Number(grant.expires);
  if (expires * 1000 <= now.getTime()) return false;
  const given = Buffer.from(grant.signature);
  const expected = Buffer.from(signature(mediaId, expires));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The same-site media addresses in rendered HTML (src, srcset, href) of the files in `allowed`,
 * with a grant appended. The HTML is ours (stored by the renderer), so the addresses are exactly
 * `/api/media/{uuid}[?w=N]`. `allowed` must be the post's own files (post_media): a document may
 * name any id, and signing another creator's gated file would hand it out.
 */
export function signMediaUrlsInHtml(html: string, expiresAt: Date, allowed: ReadonlySet<string>): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return html.replace(/\/api\/media\/([0-9a-f-]{36})(\?w=\d+)?/g, (url: string, id: string, width: string | undefined) =>
    isMediaId(id) && allowed.has(id) ? `${url}${width ? "&amp;" : "?"}exp=${expires}&amp;sig=${signature(id, expires)}` : url,
  );
}
