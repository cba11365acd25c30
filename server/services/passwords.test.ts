// Password hashes: the production cost unless a test run lowers it, and every hash verifies by the
// cost it names, so test accounts and real ones go through the same check.
import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword, lowerPasswordCostForTests, verifyPassword } from "./passwords";

const PASSWORD = "correct horse battery staple";

afterEach(() => {
  vi.unstubAllEnvs();
});

// NOTE: in this order. The cost is process-wide, and the last test lowers it.
describe("password hashes", () => {
  it("use the production cost by default, and check the password", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stable", stored)).toBe(false);
  });

  it("refuse the test cost outside a test run, and keep the production cost", async () => {
    for (const environment of ["production", "development", ""]) {
      vi.stubEnv("NODE_ENV", environment);
      expect(() => lowerPasswordCostForTests()).toThrow(/only available when NODE_ENV is "test"/);
    }
    vi.unstubAllEnvs();
    expect(await hashPassword(PASSWORD)).toMatch(/^scrypt\$32768\$/);
  });

  it("take the lower cost in a test run, and still verify by the cost each hash names", async () => {
    const strong = await hashPassword(PASSWORD);
    lowerPasswordCostForTests();
    const cheap = await hashPassword(PASSWORD);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, cheap)).toBe(true);
    expect(await verifyPassword(PASSWORD, strong)).toBe(true);
    expect(await verifyPassword("not it", cheap)).toBe(false);
  });
});
