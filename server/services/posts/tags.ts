// Tags: a creator's own vocabulary, made on the fly from names typed in the post settings.
import "server-only";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { posts, postTags, tags } from "@/db/schema";
import type { Db } from "@/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { MAX_TAGS_PER_POST } from "@/lib/schemas/post";
import { slugify } from "@/lib/slug";
import type { ServiceContext } from "../context";
import { requireOwnCreator } from "../creators";
import { publishedWhere } from "./present";

export type TagSummary = { id: string; name: string; slug: string; posts: number };

/** Names as the creator typed them, one per slug (so "Field notes" and "field-notes" are one tag). */
function distinctBySlug(names: readonly string[]): { name: string; slug: string }[] {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, " ");
    if (!name) continue;
    const slug = slugify(name);
    if (!seen.has(slug)) seen.set(slug, name);
  }
  return [...seen].map(([slug, name]) => ({ name, slug }));
}

/** Replaces the post's tags with `names`, creating the creator's missing tags. */
export async function setPostTags(db: Db, creatorId: string, postId: string, names: readonly string[]): Promise<string[]> {
  const wanted = distinctBySlug(names);
  if (wanted.length > MAX_TAGS_PER_POST) {
    throw new AppError(AppErrorCode.INVALID_INPUT, `A post can have at most ${MAX_TAGS_PER_POST} tags.`, { field: "tags" });
  }
  await db.delete(postTags).where(eq(postTags.postId, postId));
  if (wanted.length === 0) return [];
  await db
    .insert(tags)
    .values(wanted.map((tag) => ({ creatorId, name: tag.name, slug: tag.slug })))
    .onConflictDoNothing({ target: [tags.creatorId, tags.slug] });
  const rows = await db
    .select({ id: tags.id, name: tags.name, slug: tags.slug })
    .from(tags)
    .where(and(eq(tags.creatorId, creatorId), inArray(tags.slug, wanted.map((t) => t.slug))));
  await db.insert(postTags).values(rows.map((row) => ({ postId, tagId: row.id })));
  const bySlug = new Map(rows.map((row) => [row.slug, row.name]));
  return wanted.map((tag) => bySlug.get(tag.slug) ?? tag.name);
}

export async function tagsOfPost(db: Db, postId: string): Promise<string[]> {
  const rows = await db
    .select({ name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(eq(postTags.postId, postId))
    .orderBy(asc(tags.name));
  return rows.map((row) => row.name);
}

/** The creator's tags with how many posts use each, for suggestions while typing. */
export async function listOwnTags(ctx: ServiceContext): Promise<TagSummary[]> {
  const creator = await requireOwnCreator(ctx);
  return ctx.db
    .select({ id: tags.id, name: tags.name, slug: tags.slug, posts: count(postTags.postId) })
    .from(tags)
    .leftJoin(postTags, eq(postTags.tagId, tags.id))
    .where(eq(tags.creatorId, creator.id))
    .groupBy(tags.id)
    .orderBy(asc(tags.name))
    .limit(1000);
}

/** The tags on a creator's published posts: what their archive can be filtered by (names and slugs are public). */
export async function publishedTagsOf(ctx: ServiceContext, creatorId: string): Promise<{ name: string; slug: string }[]> {
  return ctx.db
    .selectDistinct({ name: tags.name, slug: tags.slug })
    .from(tags)
    .innerJoin(postTags, eq(postTags.tagId, tags.id))
    .innerJoin(posts, and(eq(posts.id, postTags.postId), publishedWhere()))
    .where(eq(tags.creatorId, creatorId))
    .orderBy(asc(tags.name))
    .limit(200);
}
