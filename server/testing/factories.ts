// Typed factories that make real rows through the same services the app uses, so test data obeys
// the same rules as user data (hashed passwords, valid handles, validated documents, derived html).
// Shared by integration tests, e2e fixtures and the demo seed: no test-runner imports here.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { posts, type creators } from "@/db/schema";
import type { PostDocument } from "@/lib/document/validate";
import type { ServiceContext } from "../services/context";
import { createCreatorPage } from "../services/creators";
import { createPost as createDraft, publishPost } from "../services/posts/editing";
import { registerUser } from "../services/users";

export const DEFAULT_PASSWORD = "correct horse battery staple";

export type TestUser = { id: string; email: string; name: string | null; password: string };
export type TestCreator = typeof creators.$inferSelect & { user: TestUser | { id: string } };
export type TestPost = typeof posts.$inferSelect;
export type PostAccess = TestPost["access"];

/** Unique across processes and runs, and valid both in emails and in handles. */
function uniqueToken(): string {
  return randomUUID().replaceAll("-", "").slice(0, 12);
}

/** A valid Tiptap document: one paragraph per argument (an empty string is an empty paragraph). */
export function docWithText(...paragraphs: string[]): PostDocument {
  return {
    type: "doc",
    content: paragraphs.map((text) =>
      text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" },
    ),
  };
}

/** Registers a user with a hashed password; `password` is returned so callers can sign in. */
export async function createUser(
  db: Db,
  options: { email?: string; name?: string; password?: string } = {},
): Promise<TestUser> {
  const token = uniqueToken();
  const password = options.password ?? DEFAULT_PASSWORD;
  const user = await registerUser(db, {
    email: options.email ?? `user-${token}@example.test`,
    name: options.name ?? `User ${token.slice(0, 6)}`,
    password,
  });
  return { ...user, password };
}

function contextFor(db: Db, userId: string, now: Date, creator?: ServiceContext["creator"]): ServiceContext {
  return { db, viewer: { userId }, now, creator };
}

/** A creator page, for `user` or for a new user. */
export async function createCreator(
  db: Db,
  options: { user?: TestUser | { id: string }; handle?: string; displayName?: string; tagline?: string; about?: string; now?: Date } = {},
): Promise<TestCreator> {
  const user = options.user ?? (await createUser(db));
  const token = uniqueToken();
  const creator = await createCreatorPage(contextFor(db, user.id, options.now ?? new Date()), {
    handle: options.handle ?? `creator-${token}`,
    displayName: options.displayName ?? `Creator ${token.slice(0, 6)}`,
    tagline: options.tagline ?? "",
    about: options.about ?? "",
  });
  return { ...creator, user };
}

/**
 * A post of `creator`: a draft by default, published with `publish: true`. `access` other than
 * public is set directly, since no service sets it yet.
 */
export async function createPost(
  db: Db,
  options: {
    creator: typeof creators.$inferSelect;
    title?: string;
    document?: unknown;
    publish?: boolean;
    access?: PostAccess;
    now?: Date;
  },
): Promise<TestPost> {
  const { creator } = options;
  const ctx = contextFor(db, creator.userId, options.now ?? new Date(), creator);
  let post: TestPost = await createDraft(ctx, {
    title: options.title ?? `Post ${uniqueToken().slice(0, 6)}`,
    document: options.document ?? docWithText("A short post written by a test factory."),
  });
  if (options.access && options.access !== post.access) {
    const [updated] = await db.update(posts).set({ access: options.access }).where(eq(posts.id, post.id)).returning();
    post = updated!;
  }
  if (options.publish) post = await publishPost(ctx, { id: post.id, baseVersion: post.version });
  return post;
}
