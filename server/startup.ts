// Server start-up: configuration checks and migrations, before the first request is served; then
// the job runner, which first publishes whatever came due while the server was down.
import "server-only";
import { migrateDatabase } from "@/db/migrate";
import { authSecret } from "./auth/secret";
import { startJobs } from "./jobs/start";

export async function startServer(): Promise<void> {
  try {
    authSecret();
  } catch (error) {
    console.error(`\n  ${(error as Error).message}\n`);
    process.exit(1);
  }
  await migrateDatabase();
  await startJobs();
}
