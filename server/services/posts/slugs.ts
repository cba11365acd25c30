// A post's address: the one routine that picks a free slug, the rule that a slug follows the title
// until the first publish, and the record of every address a post leaves, so that an old link
// redirects to the new one (findSlugRedirect in reads.ts) instead of breaking.
import "server-only";
import { and, eq, like, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { postSlugs, posts } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { slugify, uniqueSlug } from "@/lib/slug";
import type { PostRow } from "./store";

/** Slugs `base` or `base-N` already used by this creator's other posts or their old addresses. */
async function takenSlugs(db: Db, creatorId: string, base: string, exceptPostId?: string): Promise<Set<string>> {
  const near = (column: typeof posts.slug | typeof postSlugs.slug) => or(eq(column, base), like(column, `${base}-%`));
  const [current, old] = await Promise.all([
    db
      .select({ slug: posts.slug, id: posts.id })
      .from(posts)
      .where(and(eq(posts.creatorId, creatorId), near(posts.slug))),
    db
      .select({ slug: postSlugs.slug, id: postSlugs.postId })
      .from(postSlugs)
      .where(and(eq(postSlugs.creatorId, creatorId), near(postSlugs.slug))),
  ]);
  return new Set([...current, ...old].filter((r) => r.id !== exceptPostId).map((r) => r.slug));
}

/** The title's slug, numbered (`-2`, `-3`, …) past those the creator's posts use or used. */
export async function freeSlug(db: Db, creatorId: string, title: string, exceptPostId?: string): Promise<string> {
  const base = slugify(title);
  return uniqueSlug(base, await takenSlugs(db, creatorId, base, exceptPostId));
}

/**
 * The address the creator typed in the settings, checked: already in slug form, and not used now
 * or before by another of their posts. Empty means "follow the title again".
 */
export async function chosenSlug(db: Db, post: Pick<PostRow, "id" | "creatorId" | "title">, requested: string): Promise<string> {
  if (requested === "") return freeSlug(db, post.creatorId, post.title, post.id);
  const slug = slugify(requested);
  if (slug !== requested.toLowerCase()) {
    throw new AppError(AppErrorCode.INVALID_INPUT, `Use lowercase letters, digits and dashes, like “${slug}”.`, { field: "slug" });
  }
  if ((await takenSlugs(db, post.creatorId, slug, post.id)).has(slug)) {
    throw new AppError(AppErrorCode.ALREADY_EXISTS, "Another of your posts uses this address. Try another.", { field: "slug" });
  }
  return slug;
}

/** Slug races are rare (two saves of one creator at once); one retry settles them. */
export async function withSlugRetry<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run();
  }
}

/**
 * Until the first publish the slug follows the title, unless the creator chose one in the
 * settings: a slug that is the title's own (or a numbered twin of it) is still following. From
 * the first publish on it is frozen (`publishedAt` survives an unpublish), so shared links hold.
 */
export function slugFollowsTitle(post: Pick<PostRow, "publishedAt" | "title" | "slug">): boolean {
  if (post.publishedAt) return false;
  const base = slugify(post.title);
  return post.slug === base || new RegExp(`^${base}-\\d+$`).test(post.slug);
}

/**
 * Keeps the address `post` is leaving for `next`, so a link to it (shared before the first
 * publish, say for a scheduled post) redirects once the post is public. Every slug change writes
 * here; call it in the transaction that changes the slug. An untitled post's placeholder address
 * is not kept: such a post can be neither scheduled nor published, and keeping it would number the
 * placeholder of every later new post.
 */
export async function keepOldSlug(tx: Db, post: Pick<PostRow, "id" | "creatorId" | "slug" | "title">, next: string, now: Date): Promise<void> {
  if (next === post.slug) return;
  // Back at an address it had before: that address is the post's own again, not a redirect.
  await tx.delete(postSlugs).where(and(eq(postSlugs.creatorId, post.creatorId), eq(postSlugs.slug, next), eq(postSlugs.postId, post.id)));
  if (!post.title.trim()) return;
  await tx
    .insert(postSlugs)
    .values({ creatorId: post.creatorId, slug: post.slug, postId: post.id, createdAt: now })
    .onConflictDoNothing();
}
