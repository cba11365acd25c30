// Start-up migrations when several app processes start together against one database.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgresOnce, migrationsFolder } from "./migrate";

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] };

describe("migrating on start-up", () => {
  // A database of its own: the run's database is already migrated, and this must start empty.
  const name = `atelier_test_${Date.now()}_${randomBytes(4).toString("hex")}_migrate`;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  let admin: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
  });

  afterAll(async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });

  it("applies each migration once when four processes migrate a fresh database at the same moment", async () => {
    // Each call opens its own connection, as separate processes would: the lock is per session.
    await Promise.all(Array.from({ length: 4 }, () => migratePostgresOnce(url.toString())));

    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const applied = await db<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
      expect(applied).toHaveLength(journal.entries.length);
      expect(new Set(applied.map((row) => row.hash)).size).toBe(journal.entries.length);
      const [tables] = await db<{ count: number }[]>`
        select count(*)::int as count from information_schema.tables where table_schema = 'public' and table_name = 'posts'`;
      expect(tables?.count).toBe(1);
    } finally {
      await db.end({ timeout: 5 });
    }

    // A later start finds nothing to do.
    await migratePostgresOnce(url.toString());
  });
});
