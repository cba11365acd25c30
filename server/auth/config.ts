// Auth.js: email + password, emailed magic links, emailed sign-up links, and OAuth when configured.
// Every sign-in, password ones included, gets a row in `sessions`, so signing out ends it on the server.
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
import { isAppError } from "@/lib/errors";
import { signInInput } from "@/lib/schemas/auth";
import { env } from "../env";
import { magicLinkMessage } from "../services/mail";
import { clientAddress, recordPeerAddresses } from "./client-address";
import { rememberDevice } from "./device";
import { signInClient, signInWithPassword } from "./password-sign-in";
import { authSecret } from "./secret";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./session-viewer";
import { sendSignInMail, SignInMailRefused } from "./sign-in-mail";
import { finishSignUp } from "./sign-up";
import { log } from "../observability/log";
import { recordSignInFailure } from "../observability/metrics";

/** Why a sign-in was refused; never whether the account exists. */
export type SignInFailure = "invalid_input" | "no_match" | "rate_limited" | "link_not_valid" | "link_used";

/** Carries why a credentials sign-in failed back to the login form, which words it for the user. */
export class SignInRefused extends CredentialsSignin {
  constructor(reason: SignInFailure) {
    super(reason);
    this.code = reason;
    recordSignInFailure(reason);
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
    async sendVerificationRequest({ identifier, url, request }) {
      await sendSignInMail(getDb(), magicLinkMessage(identifier, url), { address: clientAddress(request.headers) });
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
  // Rate limits need each request's real address; start-up normally turned this on already.
  recordPeerAddresses();
  const db = getDb();
  const dbAdapter = adapter();
  return {
    adapter: dbAdapter,
    secret: authSecret(),
    trustHost: true,
    logger: {
      // A failed password sign-in, or a link refused by its limit, is answered on the form; not a server error.
      error(error) {
        if (error instanceof SignInRefused || (error as { type?: string }).type === "CredentialsSignin") return;
        if (error instanceof SignInMailRefused) return;
        log.error({ err: error }, "Auth.js failed");
      },
    },
    // Pages read sessions themselves (./session-viewer.ts), with the same ages.
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, request) {
          const parsed = signInInput.safeParse({ email: raw.email, password: raw.password });
          if (!parsed.success) throw new SignInRefused("invalid_input");
          const { email, password } = parsed.data;
          const result = await signInWithPassword(db, { email, password, client: signInClient(request.headers, email) });
          if (!result.ok) throw new SignInRefused(result.reason);
          return result.user;
        },
      }),
      // The emailed sign-up link (sign-up.ts): following it creates the account and signs it in.
      Credentials({
        id: "sign-up-link",
        credentials: { token: { type: "text" } },
        async authorize(raw) {
          try {
            return (await finishSignUp(db, typeof raw.token === "string" ? raw.token : "")).user;
          } catch (error) {
            if (!isAppError(error)) throw error;
            throw new SignInRefused(error.code === "ALREADY_EXISTS" ? "link_used" : "link_not_valid");
          }
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
    events: {
      // Any sign-in that worked (password, link or OAuth) makes this browser a known one for the
      // account, so guesses from elsewhere can never lock it out (password-sign-in.ts).
      async signIn({ user }) {
        if (user.email) await rememberDevice(user.email);
      },
    },
    callbacks: {
      // What `auth()` and /api/auth/session answer: who is signed in, and until when. Auth.js hands
      // this callback the session row and the whole user row; returned as they are, a script on the
      // page could read the session token (the cookie is httpOnly precisely so it cannot) and the
      // password hash from /api/auth/session.
      session({ session, user }) {
        return { user: { id: user.id, name: user.name ?? null, email: user.email, image: user.image ?? null }, expires: session.expires };
      },
    },
  };
}

// Built on first use, not at import (next build evaluates modules without a database), then
// kept: rebuilding the adapter and providers for every auth() call cost each request ~1 ms.
let built: NextAuthConfig | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(() => (built ??= config()));
