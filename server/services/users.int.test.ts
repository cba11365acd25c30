import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { createUser } from "../testing/factories";
import { accountExists, checkCredentials, registerUser } from "./users";

const password = "a long enough passphrase";

function freshEmail(local = "reader"): string {
  return `${local}-${randomUUID().slice(0, 8)}@example.test`;
}

describe("registerUser", () => {
  it("creates an account that can sign in, with the email lower-cased and the password hashed", async () => {
    const db = testDb();
    const email = freshEmail("Ada.Lovelace");
    const user = await registerUser(db, { name: "  Ada  ", email: `  ${email.toUpperCase()} `, password });

    expect(user).toMatchObject({ email: email.toLowerCase(), name: "Ada" });
    const stored = await db.query.users.findFirst({ where: eq(users.id, user.id) });
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(password);
    expect(await checkCredentials(db, email, password)).toEqual({
      ok: true,
      user: { id: user.id, email: email.toLowerCase(), name: "Ada" },
    });
  });

  it("refuses a second account for the same email typed in a different case", async () => {
    const db = testDb();
    const email = freshEmail("twin");
    const first = await registerUser(db, { name: "First", email, password });

    const error = await caught(registerUser(db, { name: "Second", email: email.toUpperCase(), password: "another passphrase" }));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "ALREADY_EXISTS", field: "email" });
    const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    expect(rows).toEqual([{ id: first.id }]);
    // The first account's password still works; the refused one never does.
    expect((await checkCredentials(db, email, password)).ok).toBe(true);
    expect(await checkCredentials(db, email, "another passphrase")).toEqual({ ok: false });
  });

  it("lets only one of two simultaneous sign-ups for one email through", async () => {
    const db = testDb();
    const email = freshEmail("race");
    const results = await Promise.allSettled([
      registerUser(db, { name: "A", email, password }),
      registerUser(db, { name: "B", email, password }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "ALREADY_EXISTS", field: "email" });
  });

  it("refuses weak input with the reasons a form can show", async () => {
    const error = await caught(registerUser(testDb(), { name: "Bob", email: "not-an-email", password: "password123" }));
    expect(JSON.stringify(error)).toContain("Enter a valid email address");
    expect(JSON.stringify(error)).toContain("That password is too common");
  });
});

describe("checkCredentials", () => {
  it("answers an unknown email, a wrong password and a password-less account alike, and accepts the right password in any case", async () => {
    const db = testDb();
    const user = await createUser(db);
    const [withoutPassword] = await db
      .insert(users)
      .values({ email: freshEmail("linkonly"), name: "Signs in by link" })
      .returning({ email: users.email });

    const failures = [
      await checkCredentials(db, freshEmail("nobody"), password),
      await checkCredentials(db, user.email, "not the password"),
      await checkCredentials(db, withoutPassword!.email, password),
    ];

    expect(failures).toEqual([{ ok: false }, { ok: false }, { ok: false }]);
    expect(await checkCredentials(db, user.email.toUpperCase(), user.password)).toEqual({
      ok: true,
      user: { id: user.id, email: user.email, name: user.name },
    });
  });
});

describe("accountExists", () => {
  it("finds an account by its email in any case", async () => {
    const db = testDb();
    const user = await createUser(db);
    expect(await accountExists(db, ` ${user.email.toUpperCase()} `)).toBe(true);
    expect(await accountExists(db, freshEmail("nobody"))).toBe(false);
  });
});
