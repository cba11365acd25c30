// `npm run db:migrate`: apply the committed migrations to DATABASE_URL (or the embedded database).
import { closeDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";

migrateDatabase()
  .then(() => console.log("Migrations applied."))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
