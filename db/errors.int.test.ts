// PostgreSQL's own refusals, raised for real, read the way the error map reads them.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { isUniqueViolation, refusedInput } from "./errors";

describe("refusedInput", () => {
  it.each([
    ["a NUL byte in text", sql`select ${"ma\u0000ra"}::text`],
    ["a NUL escape in JSON", sql`select ${'"\\u0000"'}::jsonb`],
    ["a lone surrogate in JSON", sql`select ${'"\\ud800"'}::jsonb`],
    ["text where a number belongs", sql`select ${"twelve"}::integer`],
    ["a number past its column's range", sql`select ${String(2 ** 40)}::integer`],
    ["a year JavaScript writes with six digits", sql`select ${new Date("+010000-01-01T00:00:00Z").toISOString()}::timestamptz`],
    ["a date that does not exist", sql`select ${"2026-02-30"}::date`],
  ])("makes %s the caller's mistake, in plain words", async (_, query) => {
    const error = await caught(testDb().execute(query));
    const refused = refusedInput(error);
    expect(refused).toMatchObject({ code: "INVALID_INPUT" });
    expect(refused?.message).not.toMatch(/postgres|sql|relation|column|constraint/i);
  });

  it("makes an id that names no row the caller's mistake", async () => {
    const error = await caught(
      testDb().insert(memberships).values({ userId: "no-such-user", creatorId: "no-such-creator", tierId: "no-such-tier", price: 0, currency: "USD" }),
    );
    expect(refusedInput(error)).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("no longer exists") });
  });

  it("leaves everything else to the caller: conflicts, our own mistakes, non-database errors", async () => {
    expect(refusedInput(await caught(testDb().execute(sql`select from no_such_table`)))).toBeNull();
    const unique = Object.assign(new Error("duplicate key"), { code: "23505" });
    expect(isUniqueViolation(unique)).toBe(true);
    expect(refusedInput(unique)).toBeNull();
    expect(refusedInput(new TypeError("x is not a function"))).toBeNull();
    expect(refusedInput(Object.assign(new Error("odd"), { code: "constructor" }))).toBeNull();
    expect(refusedInput(null)).toBeNull();
  });
});
