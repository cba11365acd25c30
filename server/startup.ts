// Server start-up: configuration checks, then migrations and the job runner (which first publishes
// whatever came due while the server was down). A database that does not answer does not stop the
// server: it serves (503 until the schema is current) and keeps trying in the background.
import "server-only";
import { databaseOutage } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { authSecret } from "./auth/secret";
import { startJobs } from "./jobs/start";

/** The pause between attempts while the database does not answer: recovery lags at most this. */
const OUTAGE_RETRY_MS = 250;
/** The pause after any other failure. */
const FAILURE_RETRY_MS = 5000;

const log = (message: string) => console.error(message);

export async function startServer(): Promise<void> {
  try {
    authSecret();
  } catch (error) {
    console.error(`\n  ${(error as Error).message}\n`);
    process.exit(1);
  }
  // NOTE: the first attempt is awaited, so a server whose database answers serves a current schema
  // from its first request. Next.js keeps a rejected start-up for good (every request then answered
  // 500, health included, even after the database came back): this must never throw.
  const pause = await bringUp();
  if (pause !== null) void keepTrying(pause);
}

let lastFailure: string | null = null;

/**
 * Migrations, then the job runner; both safe to call again. Resolves with the pause before the
 * next attempt, or null once both are done.
 */
async function bringUp(): Promise<number | null> {
  try {
    await migrateDatabase();
    await startJobs();
    if (lastFailure !== null) log("[start] the database answers: migrations are applied and jobs run");
    return null;
  } catch (error) {
    // An outage passes by itself and is worth watching closely; anything else (a migration that
    // fails, say) needs a person, and trying it four times a second would only fill the log.
    const pause = databaseOutage(error) ? OUTAGE_RETRY_MS : FAILURE_RETRY_MS;
    const message = error instanceof Error ? error.message || error.name : String(error);
    // Once per kind of failure, not on every attempt.
    if (message !== lastFailure) {
      log(`[start] cannot start yet (${message}); serving 503, trying again every ${pause} ms`);
      lastFailure = message;
    }
    return pause;
  }
}

async function keepTrying(pause: number): Promise<void> {
  for (let next: number | null = pause; next !== null; next = await bringUp()) {
    const wait = next;
    // unref: a server told to stop must not wait for the next attempt.
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}
