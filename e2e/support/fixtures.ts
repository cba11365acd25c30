// Test fixtures, cal.com style: preconditions come from the real factories writing to this run's
// database (`users.create()`, `users.createCreator()`, `posts.create()`, `tiers.create()`,
// `memberships.create()`), and `login(page, user)` signs in through Auth.js's own endpoint, so specs
// drive the UI only for the behaviour under test.
import { test as base, expect, type APIResponse, type Page } from "@playwright/test";
import type { Db } from "@/db/client";
import type { TestCreator, TestMembership, TestPost, TestTier, TestUser } from "@/server/testing/factories";
import { e2eDatabaseUrl } from "./database";
import { EditorPage } from "./editor";

type Factories = typeof import("@/server/testing/factories");

/** Unique across workers and runs; lowercase letters and digits, so valid in emails and handles. */
export function uniqueToken(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function uniqueEmail(label = "user"): string {
  return `e2e-${label}-${uniqueToken()}@example.test`;
}

type UserFixtures = {
  /** A registered user with a password (no creator page). */
  create(options?: { name?: string; email?: string; password?: string }): Promise<TestUser>;
  /** A user with a creator page; `creator.user` holds the sign-in. */
  createCreator(options?: { displayName?: string; handle?: string }): Promise<TestCreator & { user: TestUser }>;
};

type PostFixtures = {
  create(options: Parameters<Factories["createPost"]>[1]): Promise<TestPost>;
};

type TierFixtures = {
  /** A tier of `creator`, published unless `status` says otherwise. */
  create(options: Parameters<Factories["createTier"]>[1]): Promise<TestTier>;
};

type MembershipFixtures = {
  /** A fan joined through the sandbox (free or paid); `state` for cancelling or lapsed ones. */
  create(options: Parameters<Factories["createMembership"]>[1]): Promise<TestMembership>;
  /** A paid membership started by Stripe's signed webhook, as a fan's return page awaits it. */
  createWithStripe(options: Parameters<Factories["createStripeMembership"]>[1]): Promise<TestMembership>;
};

type WorkerFixtures = { db: Db; factories: Factories };

type TestFixtures = {
  users: UserFixtures;
  posts: PostFixtures;
  tiers: TierFixtures;
  memberships: MembershipFixtures;
  /** Signs `user` in within the page's browser context (cookies shared with `page`). */
  login(page: Page, user: { email: string; password: string }): Promise<void>;
  /** The post editor on `page`; another tab gets its own `new EditorPage(tab)`. */
  editor: EditorPage;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  factories: [
    async ({}, use) => {
      // db/client reads DATABASE_URL lazily, on first use: point it at this run's database first.
      process.env.DATABASE_URL = e2eDatabaseUrl();
      await use(await import("@/server/testing/factories"));
    },
    { scope: "worker" },
  ],
  db: [
    async ({ factories: _factories }, use) => {
      const { closeDb, getDb } = await import("@/db/client");
      await use(getDb());
      await closeDb();
    },
    { scope: "worker" },
  ],

  users: async ({ db, factories }, use) => {
    await use({
      create: (options = {}) =>
        factories.createUser(db, { email: uniqueEmail(), name: "E2E Reader", ...options }),
      async createCreator(options = {}) {
        const user = await factories.createUser(db, { email: uniqueEmail("creator"), name: "E2E Creator" });
        const creator = await factories.createCreator(db, { user, handle: `e2e-${uniqueToken()}`, ...options });
        return { ...creator, user };
      },
    });
  },

  posts: async ({ db, factories }, use) => {
    await use({ create: (options) => factories.createPost(db, options) });
  },

  tiers: async ({ db, factories }, use) => {
    await use({ create: (options) => factories.createTier(db, options) });
  },

  memberships: async ({ db, factories }, use) => {
    await use({
      create: (options) => factories.createMembership(db, options),
      createWithStripe: (options) => factories.createStripeMembership(db, options),
    });
  },

  editor: async ({ page }, use) => {
    await use(new EditorPage(page));
  },

  login: async ({}, use) => {
    await use(async (page, user) => {
      const request = page.context().request;
      const csrf = await request.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const signIn = () =>
        request.post("/api/auth/callback/credentials", {
          form: { csrfToken, email: user.email, password: user.password, callbackUrl: "/studio" },
          // NOTE: every test signs in from 127.0.0.1, and sign-ins are rate limited per address; a
          // made-up address per fixture sign-in keeps a growing suite clear of the limit it isn't testing.
          headers: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 254) + 1}` },
          maxRedirects: 0,
        });
      // A kept-alive connection the server closed as the form went out answers ECONNRESET before
      // the server read it: sent again, once.
      const response: APIResponse = await signIn().catch((error: unknown) => {
        if (String(error).includes("ECONNRESET")) return signIn();
        throw error;
      });
      const location = response.headers()["location"] ?? "";
      expect(response.status(), `sign-in answered ${response.status()} → ${location}`).toBe(302);
      expect(location, "sign-in was refused").not.toContain("error");
      const session = await request.get("/api/auth/session");
      expect(await session.json(), "no session after signing in").toMatchObject({ user: { email: user.email } });
    });
  },
});

export { expect };
