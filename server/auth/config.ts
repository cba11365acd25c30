// Auth.js: email + password, emailed magic links, and OAuth when configured. Every sign-in,
// password ones included, gets a row in `sessions`, so signing out ends it on the server.
import "server-only";
import { randomUUID } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { EmailConfig } from "next-auth/providers";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { signInInput } from "@/lib/schemas/auth";
import { env } from "../env";
import { magicLinkMessage, sendMail } from "../services/mail";
import { consumeRateLimit, RATE_LIMITS } from "../services/rate-limit";
import { checkCredentials } from "../services/users";
import { clientAddress } from "./client-address";
import { authSecret } from "./secret";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export type SignInFailure = "invalid_input" | "unknown_email" | "wrong_password" | "no_password" | "rate_limited";

/** Carries why a password sign-in failed back to the login form, which words it for the user. */
export class PasswordSignInError extends CredentialsSignin {
  constructor(reason: SignInFailure) {
    super(reason);
    this.code = reason;
  }
}

function adapter() {
  return DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
}

function magicLink(): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    from: env().MAIL_FROM,
    maxAge: 24 * 60 * 60,
    async sendVerificationRequest({ identifier, url }) {
      await sendMail(getDb(), magicLinkMessage(identifier, url));
    },
    options: {},
  };
}

// Auth.js reads AUTH_GITHUB_* and AUTH_GOOGLE_* itself once a provider is on; we decide whether it
// is on. An ID without its secret leaves it off rather than offering a button that cannot work.
function configuredOAuth() {
  const { AUTH_GITHUB_ID, AUTH_GITHUB_SECRET, AUTH_GOOGLE_ID, AUTH_GOOGLE_SECRET } = env();
  return [
    ...(AUTH_GITHUB_ID && AUTH_GITHUB_SECRET ? [{ id: "github", name: "GitHub", provider: GitHub }] : []),
    ...(AUTH_GOOGLE_ID && AUTH_GOOGLE_SECRET ? [{ id: "google", name: "Google", provider: Google }] : []),
  ];
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return configuredOAuth().map(({ id, name }) => ({ id, name }));
}

function config(): NextAuthConfig {
  const db = getDb();
  const dbAdapter = adapter();
  return {
    adapter: dbAdapter,
    secret: authSecret(),
    trustHost: true,
    logger: {
      // A failed password sign-in is a user's mistake, answered on the form; not a server error.
      error(error) {
        if (error instanceof PasswordSignInError || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error("[auth]", error);
      },
    },
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, request) {
          const parsed = signInInput.safeParse({ email: raw.email, password: raw.password });
          if (!parsed.success) throw new PasswordSignInError("invalid_input");
          const { email, password } = parsed.data;
          const now = new Date();
          const [perEmail, perAddress] = await Promise.all([
            consumeRateLimit(db, `signin:email:${email}`, RATE_LIMITS.signInPerEmail, now),
            consumeRateLimit(db, `signin:ip:${clientAddress(request.headers)}`, RATE_LIMITS.signInPerAddress, now),
          ]);
          if (!perEmail.allowed || !perAddress.allowed) throw new PasswordSignInError("rate_limited");
          const result = await checkCredentials(db, email, password);
          if (!result.ok) throw new PasswordSignInError(result.reason);
          return result.user;
        },
      }),
      magicLink(),
      ...configuredOAuth().map((oauth) => oauth.provider),
    ],
    jwt: {
      // NOTE: Auth.js only issues JWTs for password sign-ins; we turn that moment into a database
      // session so every kind of sign-in is revocable the same way. The cookie holds the
      // session token, which the database strategy then looks up on every request.
      async encode({ token }) {
        if (!token?.sub) throw new Error("A session needs a user.");
        const session = await dbAdapter.createSession!({
          sessionToken: randomUUID(),
          userId: token.sub,
          expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
        });
        return session.sessionToken;
      },
      async decode() {
        return null;
      },
    },
    callbacks: {
      session({ session, user }) {
        session.user.id = user.id;
        return session;
      },
    },
  };
}

// Built on first use, not at import (next build evaluates modules without a database), then
// kept: rebuilding the adapter and providers for every auth() call cost each request ~1 ms.
let built: NextAuthConfig | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(() => (built ??= config()));
