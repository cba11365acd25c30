// Typed factories that make real rows through the same services the app uses, so test data obeys
// the same rules as user data (hashed passwords, valid handles, validated documents, derived
// columns, post_tiers, media references, member caps, the payment ledger). Nothing here writes a
// table directly. Shared by integration tests, e2e fixtures and the demo seed: no test-runner imports.
import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, posts, type creators, type tiers } from "@/db/schema";
import type { SetPostAccessInput } from "@/lib/schemas/post-access";
import type { TierFieldsInput } from "@/lib/schemas/tier";
import type { ServiceContext } from "../services/context";
import { createCreatorPage } from "../services/creators";
import { cancelMembership } from "../services/memberships/change";
import { checkout, joinFree } from "../services/memberships/join";
import { SANDBOX_CARDS } from "../services/memberships/payments/sandbox";
import { archiveTier, createTier as createDraftTier, publishTier } from "../services/memberships/tiers";
import { setPostAccess } from "../services/posts/access-settings";
import { createPost as createDraft, publishPost } from "../services/posts/editing";
import { registerUser } from "../services/users";
import { docWithText } from "./documents";

export { docWithPaywall, docWithText } from "./documents";

export const DEFAULT_PASSWORD = "correct horse battery staple";

export type TestUser = { id: string; email: string; name: string | null; password: string };
export type TestCreator = typeof creators.$inferSelect & { user: TestUser | { id: string } };
export type TestPost = typeof posts.$inferSelect;
export type PostAccess = TestPost["access"];
export type TestTier = typeof tiers.$inferSelect;
export type TestMembership = typeof memberships.$inferSelect & { user: TestUser | { id: string } };

/** Unique across processes and runs, and valid both in emails and in handles. */
function uniqueToken(): string {
  return randomUUID().replaceAll("-", "").slice(0, 12);
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
 * A post of `creator`: a draft by default, published with `publish: true`. Access settings are
 * saved through the editor's own service before publishing, so `access: "tiers"` needs `tierIds`
 * (and `early_access` a `publicAt` too), exactly as the editor requires. Without any of them the
 * post keeps the creator's default access.
 */
export async function createPost(
  db: Db,
  options: {
    creator: typeof creators.$inferSelect;
    title?: string;
    document?: unknown;
    publish?: boolean;
    access?: PostAccess;
    tierIds?: string[];
    publicAt?: Date | null;
    teaserMode?: SetPostAccessInput["teaserMode"];
    previewText?: string;
    now?: Date;
  },
): Promise<TestPost> {
  const { creator } = options;
  const ctx = contextFor(db, creator.userId, options.now ?? new Date(), creator);
  let post: TestPost = await createDraft(ctx, {
    title: options.title ?? `Post ${uniqueToken().slice(0, 6)}`,
    document: options.document ?? docWithText("A short post written by a test factory."),
  });
  const { access, tierIds, publicAt, teaserMode, previewText } = options;
  const setsAccess = [access, tierIds, publicAt, teaserMode, previewText].some((value) => value !== undefined);
  if (setsAccess) {
    await setPostAccess(ctx, {
      postId: post.id,
      access: access ?? post.access,
      tierIds: tierIds ?? [],
      publicAt: publicAt ?? null,
      teaserMode: teaserMode ?? post.teaserMode,
      previewText: previewText ?? post.previewText,
    });
    // The settings changed the row (its stored teaser too): continue from what is stored now.
    post = (await db.query.posts.findFirst({ where: eq(posts.id, post.id) }))!;
  }
  if (options.publish) post = await publishPost(ctx, { id: post.id, baseVersion: post.version });
  return post;
}

/**
 * A tier of `creator`, published unless `status` says otherwise (a draft is never shown to fans;
 * an archived tier takes no new members). Name and fields go through the studio's validation.
 */
export async function createTier(
  db: Db,
  options: Partial<TierFieldsInput> & {
    creator: typeof creators.$inferSelect;
    monthlyPrice: number;
    status?: TestTier["status"];
    now?: Date;
  },
): Promise<TestTier> {
  const { creator, status = "published", now = new Date(), ...fields } = options;
  const ctx = contextFor(db, creator.userId, now, creator);
  const tier = await createDraftTier(ctx, { name: `Tier ${uniqueToken().slice(0, 6)}`, ...fields });
  if (status === "published") return publishTier(ctx, tier.id);
  // Archived the way a creator archives one: after it was open to members.
  if (status === "archived") return archiveTier(ctx, (await publishTier(ctx, tier.id)).id);
  return tier;
}

/** What a membership looks like at `now` (the time the test looks at it). */
export type MembershipState =
  /** Joined at `now`: a free tier has no period, a paid one a period starting now. */
  | "active"
  /** Paid, cancelled: access continues until the period end. */
  | "cancelling"
  /** Paid, cancelled, and its period ended before `now`; no job has closed it yet. */
  | "lapsed";

/** A card the sandbox provider charges as `number` says (it succeeds unless told otherwise). */
export function sandboxCard(number: string = SANDBOX_CARDS.success) {
  return { number, expiry: "12/40", cvc: "123" };
}

/** A fresh idempotency key, as the checkout form makes one per attempt. */
export function checkoutKey(): string {
  return `test-checkout-${randomUUID()}`;
}

/** One interval and a day back: whatever the month's length, a period that started then is over. */
function longAgo(now: Date, interval: "month" | "year"): Date {
  const days = interval === "year" ? 367 : 32;
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}

/**
 * A fan's membership of `tier`, joined the way a fan joins: a free tier through joinFree, a paid
 * one through the sandbox checkout (a payment row included). `state` says where it stands at `now`;
 * a lapsed membership is one joined an interval ago and cancelled, all through the same services.
 */
export async function createMembership(
  db: Db,
  options: {
    tier: Pick<TestTier, "id" | "monthlyPrice">;
    user?: TestUser | { id: string };
    state?: MembershipState;
    interval?: "month" | "year";
    attributedPostId?: string | null;
    now?: Date;
  },
): Promise<TestMembership> {
  const { tier, state = "active", interval = "month", attributedPostId = null, now = new Date() } = options;
  const user = options.user ?? (await createUser(db));
  if (tier.monthlyPrice === 0) {
    if (state !== "active") throw new Error(`A free membership cannot be ${state}: cancelling one ends it at once.`);
    return { ...(await welcomed(db, await joinFree(contextFor(db, user.id, now), { tierId: tier.id, attributedPostId }))), user };
  }
  const joinedAt = state === "lapsed" ? longAgo(now, interval) : now;
  const ctx = contextFor(db, user.id, joinedAt);
  const { membership } = await checkout(ctx, {
    tierId: tier.id,
    interval,
    idempotencyKey: checkoutKey(),
    card: sandboxCard(),
    attributedPostId,
  });
  await welcomed(db, membership);
  if (state === "active") return { ...membership, user };
  return { ...(await cancelMembership(ctx, { membershipId: membership.id })), user };
}

/**
 * A membership a test starts stands for one that already was: its welcome email went when it
 * began, and the server's sweep must not send one now into a test counting a member's mail.
 */
async function welcomed<T extends { id: string; startedAt: Date }>(db: Db, membership: T): Promise<T> {
  await db.update(memberships).set({ welcomedAt: membership.startedAt }).where(eq(memberships.id, membership.id));
  return { ...membership, welcomedAt: membership.startedAt };
}

/** Signs the webhook deliveries below; the handler is given the same secret. */
const TEST_WEBHOOK_SECRET = "whsec_test_factory_secret";

/**
 * A paid membership started the way Stripe starts one: a signed `checkout.session.completed`
 * delivered to the webhook handler. `id` is the membership a fan's return page waits for.
 */
export async function createStripeMembership(
  db: Db,
  options: {
    tier: Pick<TestTier, "id" | "creatorId" | "monthlyPrice" | "annualPrice" | "currency">;
    user?: TestUser | { id: string };
    interval?: "month" | "year";
    id?: string;
    now?: Date;
  },
): Promise<TestMembership> {
  // Loaded on demand: most tests never need the Stripe SDK.
  const [{ default: Stripe }, { handleStripeWebhook }] = await Promise.all([
    import("stripe"),
    import("../services/memberships/payments/stripe"),
  ]);
  const { tier, interval = "month", id = randomUUID(), now = new Date() } = options;
  const user = options.user ?? (await createUser(db));
  const amount = interval === "year" ? tier.annualPrice : tier.monthlyPrice;
  if (!amount) throw new Error(`This tier has no ${interval}ly price to pay through Stripe.`);
  const payload = JSON.stringify({
    id: `evt_${id}`,
    object: "event",
    type: "checkout.session.completed",
    data: {
      object: {
        id: `cs_${id}`,
        object: "checkout.session",
        amount_total: amount,
        currency: tier.currency.toLowerCase(),
        subscription: `sub_${id}`,
        metadata: { membershipId: id, userId: user.id, tierId: tier.id, creatorId: tier.creatorId, interval },
      },
    },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET, timestamp: Math.floor(now.getTime() / 1000) });
  await handleStripeWebhook(db, payload, signature, TEST_WEBHOOK_SECRET, now);
  const membership = await db.query.memberships.findFirst({ where: eq(memberships.id, id) });
  if (!membership) throw new Error("The webhook started no membership.");
  return { ...(await welcomed(db, membership)), user };
}
