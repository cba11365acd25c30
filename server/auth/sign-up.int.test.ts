// Signing up by emailed link, and the limit on sign-in mail, against real PostgreSQL: the answer
// never tells a taken address from a free one, no account exists until its address's owner follows
// the link, and no one can make the app mail an address more than a few times.
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, users } from "@/db/schema";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { magicLinkMessage } from "../services/mail";
import { accountExists, checkCredentials } from "../services/users";
import { createUser } from "../testing/factories";
import { sendSignInMail, SignInMailRefused } from "./sign-in-mail";
import { finishSignUp, readSignUpLink, SIGN_UP_LINK_HOURS, startSignUp } from "./sign-up";

const password = "a long enough passphrase";

function freshEmail(label = "new"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

function from() {
  return { address: `test-${randomUUID()}`, redirectTo: "/studio" };
}

async function mailTo(email: string) {
  return testDb().select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt));
}

/** The token in the newest sign-up link mailed to `email`. */
async function linkToken(email: string): Promise<string> {
  const [mail] = await mailTo(email);
  const url = /https?:\/\/\S+\/login\/finish\?\S+/.exec(mail?.text ?? "")?.[0];
  const token = url ? new URL(url).searchParams.get("token") : null;
  if (!token) throw new Error(`No sign-up link was mailed to ${email}.`);
  return token;
}

describe("startSignUp and finishSignUp", () => {
  it("mails a free address a link; following it creates the account with the chosen password, once", async () => {
    const db = testDb();
    const email = freshEmail();

    expect(await startSignUp(db, { name: "Ada", email: email.toUpperCase(), password }, from())).toBe("link-sent");
    expect(await accountExists(db, email)).toBe(false);
    const token = await linkToken(email);
    expect(readSignUpLink(token)).toEqual({ name: "Ada", email, redirectTo: "/studio" });

    const { user, redirectTo } = await finishSignUp(db, token);
    expect(redirectTo).toBe("/studio");
    expect(await checkCredentials(db, email, password)).toEqual({ ok: true, user });
    const [stored] = await db.select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, user.id));
    expect(stored?.emailVerified).toBeInstanceOf(Date);
    expect(await caught(finishSignUp(db, token))).toMatchObject({ code: "ALREADY_EXISTS" });
  });

  it("answers a taken address with 'existing', storing and mailing nothing itself, the password untouched", async () => {
    const db = testDb();
    const owner = await createUser(db);

    expect(await startSignUp(db, { name: "Intruder", email: owner.email, password }, from())).toBe("existing");
    expect(await mailTo(owner.email)).toEqual([]);
    expect((await checkCredentials(db, owner.email, owner.password)).ok).toBe(true);
    expect((await checkCredentials(db, owner.email, password)).ok).toBe(false);
  });

  it("gives someone signing up with another's address nothing: the account gets its owner's password", async () => {
    const db = testDb();
    const victim = freshEmail("victim");

    await startSignUp(db, { name: "Intruder", email: victim, password: "the intruder's passphrase" }, from());
    expect(await accountExists(db, victim)).toBe(false);
    await startSignUp(db, { name: "Victim", email: victim, password }, from());
    const { user } = await finishSignUp(db, await linkToken(victim));

    expect(user.name).toBe("Victim");
    expect((await checkCredentials(db, victim, "the intruder's passphrase")).ok).toBe(false);
    expect((await checkCredentials(db, victim, password)).ok).toBe(true);
  });

  it("creates nothing from a link that was altered, cut short or is past its 24 hours", async () => {
    const db = testDb();
    const email = freshEmail();
    const now = new Date();
    await startSignUp(db, { name: "Ada", email, password }, from(), now);
    const token = await linkToken(email);
    const flipped = `${token.slice(0, -6)}${token.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    const later = new Date(now.getTime() + SIGN_UP_LINK_HOURS * 60 * 60 * 1000);

    for (const attempt of [finishSignUp(db, flipped), finishSignUp(db, token.slice(0, 40)), finishSignUp(db, ""), finishSignUp(db, token, later)]) {
      expect(await caught(attempt)).toMatchObject({ code: "INVALID_INPUT" });
    }
    expect(readSignUpLink(token, later)).toBeNull();
    expect(await accountExists(db, email)).toBe(false);
  });
});

describe("sendSignInMail", () => {
  it("mails one address at most 5 links in 15 minutes, and a refused request counts nothing", async () => {
    const db = testDb();
    const email = freshEmail("inbox");
    const asker = { address: `test-${randomUUID()}` };

    const outcomes = [];
    for (let i = 0; i < 8; i++) {
      const error = await sendSignInMail(db, magicLinkMessage(email, "http://localhost:3000/link"), asker).catch((e: unknown) => e);
      outcomes.push(error instanceof SignInMailRefused ? "refused" : "sent");
    }

    expect(outcomes).toEqual(["sent", "sent", "sent", "sent", "sent", "refused", "refused", "refused"]);
    expect(await mailTo(email)).toHaveLength(5);
    // The asking address used up 5 of its 20, not 8.
    for (let i = 0; i < 15; i++) await sendSignInMail(db, magicLinkMessage(freshEmail("other"), "http://localhost:3000/link"), asker);
    expect(await caught(sendSignInMail(db, magicLinkMessage(freshEmail("other"), "http://localhost:3000/link"), asker))).toBeInstanceOf(
      SignInMailRefused,
    );
  });

  it("holds for sign-up links too", async () => {
    const db = testDb();
    const email = freshEmail();
    for (let i = 0; i < 5; i++) expect(await startSignUp(db, { name: "Ada", email, password }, from())).toBe("link-sent");
    expect(await caught(startSignUp(db, { name: "Ada", email, password }, from()))).toBeInstanceOf(SignInMailRefused);
    expect(await mailTo(email)).toHaveLength(5);
  });
});
