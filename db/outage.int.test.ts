// The app's connection through a database outage, staged with a proxy this file can cut: a
// database that does not answer reads as UNAVAILABLE (not as a wrong query), start-up's migrations
// try again instead of keeping a failure, and the next query after the database is back succeeds.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppErrorCode } from "@/lib/errors";
import { appDatabaseThroughProxy } from "@/test/support/database-through-proxy";
import { databaseOutage, getDb } from "./client";
import { migrateDatabase, migrationsApplied } from "./migrate";

async function failure(query: Promise<unknown>): Promise<unknown> {
  try {
    await query;
  } catch (error) {
    return error;
  }
  throw new Error("The query succeeded during the outage.");
}

describe("a database outage", () => {
  const drill = appDatabaseThroughProxy();

  it("reads a refused connection as UNAVAILABLE, and the next query once it answers succeeds", async () => {
    await getDb().execute(sql`select 1`);
    await drill.proxy.cut("refuse");

    const error = await failure(getDb().execute(sql`select 1`));
    expect(databaseOutage(error)?.code).toBe(AppErrorCode.UNAVAILABLE);

    await drill.proxy.open();
    await expect(getDb().execute(sql`select 1 as answer`)).resolves.toEqual([{ answer: 1 }]);
  });

  it("gives up on a connection that never answers instead of waiting it out, and calls it UNAVAILABLE", async () => {
    // Cutting drops the pool's open connections too: the query needs a new one, which hangs.
    await drill.proxy.cut("hang");
    const error = await failure(getDb().execute(sql`select 1`));
    expect(databaseOutage(error)?.code).toBe(AppErrorCode.UNAVAILABLE);
    await drill.proxy.open();
  });

  it("leaves a query that is wrong alone: that is a bug, not an outage", async () => {
    const error = await failure(getDb().execute(sql`select * from no_such_table`));
    expect(databaseOutage(error)).toBeNull();
    expect(databaseOutage(new Error("something else"))).toBeNull();
  });

  it("start-up migrations try again after failing while the database was down", async () => {
    await drill.proxy.cut("refuse");
    await expect(migrateDatabase()).rejects.toSatisfy((error) => databaseOutage(error) !== null);
    expect(migrationsApplied()).toBe(false);

    await drill.proxy.open();
    await migrateDatabase();
    expect(migrationsApplied()).toBe(true);
  });
});
