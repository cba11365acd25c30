// The "Read on Atelier" links in new-post emails: a signed address that counts the click and sends
// the reader on to the post, tagged so the view that follows is credited to email. The signature
// names the post only: nothing in the link says who got the email.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, posts } from "@/db/schema";
import { authSecret } from "../../auth/secret";
import { isBot } from "./classify";
import { recordEvents } from "./ingest";

// NOTE: a purpose prefix, so no other token signed with the same secret can pass as this one.
const PURPOSE = "atelier:email-link:v1";

function signature(postId: string): string {
  return createHmac("sha256", authSecret()).update(`${PURPOSE}\n${postId}`).digest("base64url").slice(0, 22);
}

export function emailLinkUrl(origin: string, postId: string): string {
  return `${origin}/api/email-link/${encodeURIComponent(postId)}.${signature(postId)}`;
}

function verified(token: string): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0 || token.length > 200) return null;
  const postId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(postId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? postId : null;
}

/**
 * Where a clicked link goes (the post, or null for a link that is not ours or a post that is gone),
 * counting the click unless a link scanner or crawler made it.
 */
export async function followEmailLink(db: Db, token: string, userAgent: string | null, now: Date): Promise<string | null> {
  const postId = verified(token);
  if (!postId) return null;
  const [post] = await db
    .select({ creatorId: posts.creatorId, slug: posts.slug, handle: creators.handle, status: posts.status })
    .from(posts)
    .innerJoin(creators, eq(creators.id, posts.creatorId))
    .where(and(eq(posts.id, postId), isNull(posts.deletedAt)));
  if (!post || post.status !== "published" || !post.slug) return null;
  if (!isBot(userAgent)) await recordEvents(db, [{ creatorId: post.creatorId, postId, kind: "email_click", source: "email", occurredAt: now }]);
  return `/${post.handle}/posts/${post.slug}?src=email`;
}
