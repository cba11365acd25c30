// Global setup of the integration project: one fresh, migrated PostgreSQL database per run,
// handed to the test workers, and dropped when the run ends. Never mocked: services are tested
// against the same engine and migrations production uses.
import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { connectAdmin } from "./postgres-admin";
import type { TestProject } from "vitest/node";
import { closeDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of this run's own database; test/integration-env.ts points DATABASE_URL at it. */
    databaseUrl: string;
  }
}

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const PREFIX = "atelier_test_";
/** Databases left behind by runs that crashed before their teardown; old enough to be nobody's. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function dropAbandoned(admin: postgres.Sql, now: number): Promise<void> {
  const rows = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like ${`${PREFIX}%`}`;
  for (const { datname } of rows) {
    const stamp = Number(datname.slice(PREFIX.length).split("_")[0]);
    if (Number.isFinite(stamp) && now - stamp > ABANDONED_AFTER_MS) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  }
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const admin = await connectAdmin(baseUrl, "Integration tests", "npm run test:int");
  const startedAt = Date.now();
  const database = `${PREFIX}${startedAt}_${randomBytes(4).toString("hex")}`;
  const databaseUrl = withDatabase(baseUrl, database);

  await dropAbandoned(admin, startedAt);
  // The name is ours ([a-z0-9_] only), so quoting it is enough.
  await admin.unsafe(`create database "${database}"`);

  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    await migrateDatabase();
  } finally {
    // This process only migrates; the workers open their own pools.
    await closeDb();
  }
  project.provide("databaseUrl", databaseUrl);

  return async () => {
    await closeDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    // FORCE: a worker that died mid-test may still hold a connection.
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}
