// The harness itself: workers talk to this run's own, migrated database and never to another one.
import { sql } from "drizzle-orm";
import { expect, inject, it } from "vitest";
import { databaseKind } from "@/db/client";
import { testDb } from "./db";

it("points every worker at this run's fresh, migrated PostgreSQL database", async () => {
  const provided = inject("databaseUrl");
  expect(process.env.DATABASE_URL).toBe(provided);
  expect(databaseKind()).toBe("postgres");

  // Db is typed for both drivers, so a raw result's shape is unknown here; on postgres.js it is the rows.
  const rows = (await testDb().execute(sql`
    select current_database() as name,
           array(select table_name::text from information_schema.tables
                 where table_schema = 'public' order by 1) as tables`)) as unknown as { name: string; tables: string[] }[];
  const row = rows[0];
  expect(row?.name).toMatch(/^atelier_test_\d+_[0-9a-f]{8}$/);
  expect(new URL(provided).pathname).toBe(`/${row?.name}`);
  expect(row?.tables).toEqual(expect.arrayContaining(["users", "creators", "posts", "rate_limits", "mail_outbox"]));
});
