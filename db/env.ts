// The database's environment variables. They are part of the one list in server/env.ts (which
// the README's table is checked against); they are declared here because db/ sits below server/
// and may not import it, and db/client.ts must read them from every entry point: the app, scripts,
// tests and e2e fixtures.
import { envReader, optionalUrl, textWithDefault, wholeNumber } from "@/lib/env";

export const databaseVariables = {
  DATABASE_URL: optionalUrl(["postgres", "postgresql"], "postgres://user@host:5432/atelier"),
  DATABASE_POOL_SIZE: wholeNumber(10, { min: 1, max: 1000 }),
  ATELIER_DATA_DIR: textWithDefault(".data"),
};

export const databaseEnv = envReader(databaseVariables, () => process.env);
