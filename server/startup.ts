// Server start-up: configuration checks and migrations, before the first request is served.
import { migrateDatabase } from "@/db/migrate";
import { authSecret } from "./auth/secret";

export async function startServer(): Promise<void> {
  try {
    authSecret();
  } catch (error) {
    console.error(`\n  ${(error as Error).message}\n`);
    process.exit(1);
  }
  await migrateDatabase();
}
