// `npm run dev`: migrate and seed the database if it is empty (embedded PGlite by default),
// print the demo sign-ins, then start Next.js in development mode.
import { spawn } from "node:child_process";
import { closeDb, databaseKind, embeddedDataDir, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../server/demo/seed";

async function main() {
  await migrateDatabase();
  const kind = databaseKind();
  const seeded = await seedDemoIfEmpty(getDb());
  // Hand the embedded database over: only one process may hold PGlite's folder at a time.
  await closeDb();

  console.log(`\n  Atelier — database: ${kind === "pglite" ? `embedded PGlite (${embeddedDataDir()})` : "PostgreSQL"}`);
  console.log(seeded ? "  Seeded the demo data." : "  Database already has data; the demo seed was skipped.");
  console.log("\n  Demo sign-ins (password for all: " + DEMO_ACCOUNTS.password + "):");
  for (const account of DEMO_ACCOUNTS.people) console.log(`    ${account.email.padEnd(28)} ${account.role}`);
  console.log("");

  const child = spawn("npx", ["next", "dev", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
