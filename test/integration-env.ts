// Runs in each integration worker before its test file: points db/client at this run's database
// (created by test/integration-setup.ts), hashes the run's throwaway passwords at the test cost,
// and closes the pool when the file is done.
import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";
import { lowerPasswordCostForTests } from "@/server/services/passwords";

const databaseUrl = inject("databaseUrl");
if (!databaseUrl) {
  throw new Error("No test database was provided. Run integration tests with `npm run test:int`.");
}
// NOTE: set before any test calls getDb(); db/client opens its pool lazily on first use.
process.env.DATABASE_URL = databaseUrl;
lowerPasswordCostForTests();

afterAll(async () => {
  await closeDb();
});
