// Health through a database outage (staged with a proxy this file can cut): degraded while the
// database refuses or hangs, and while start-up has not applied the migrations; ok once both hold.
import { describe, expect, it } from "vitest";
import { migrateDatabase, migrationsApplied } from "@/db/migrate";
import { appDatabaseThroughProxy } from "@/test/support/database-through-proxy";
import { checkHealth } from "./health";

describe("health", () => {
  const drill = appDatabaseThroughProxy();

  it("is degraded until start-up has applied the migrations, though the database answers", async () => {
    expect(migrationsApplied()).toBe(false);
    const starting = await checkHealth();
    expect(starting).toMatchObject({ status: "degraded", database: { status: "ok" }, schema: "pending" });

    await migrateDatabase();
    expect(await checkHealth()).toMatchObject({ status: "ok", database: { status: "ok", kind: "postgres" }, schema: "current" });
  });

  it("says the database is unreachable while it refuses or hangs, and ok again once it answers", async () => {
    await migrateDatabase();
    for (const mode of ["refuse", "hang"] as const) {
      await drill.proxy.cut(mode);
      expect(await checkHealth()).toMatchObject({ status: "degraded", database: { status: "unreachable" } });
      // A second check finds no open connection left to fail fast on: it waits on a new one.
      expect(await checkHealth()).toMatchObject({ status: "degraded", database: { status: "unreachable" } });
      await drill.proxy.open();
      await expect.poll(async () => (await checkHealth()).status).toBe("ok");
    }
  });
});
