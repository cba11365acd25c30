// `npm run db:seed`: migrate, then build the demo data in an empty database and list its sign-ins.
import { closeDb, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../server/demo/seed";

async function main() {
  await migrateDatabase();
  const seeded = await seedDemoIfEmpty(getDb());
  console.log(seeded ? "Seeded the demo data." : "The database already has users; nothing was changed.");
  console.log(`Demo sign-ins (password: ${DEMO_ACCOUNTS.password}):`);
  for (const person of DEMO_ACCOUNTS.people) console.log(`  ${person.email.padEnd(28)} ${person.role}`);
  await closeDb();
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDb();
  process.exit(1);
});
