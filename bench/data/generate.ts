// `npm run bench:data -- --scale=1`: a new PostgreSQL database holding the large dataset (at scale 1:
// 100k creators, 1M published posts, 10M memberships, tags, a creator with 10k posts and 100k
// members), migrated by the app's own migrations and loaded in SQL. Flags:
//   --scale=N      0 < N ≤ 1, the share of the full size (default 1; 0.01 loads in seconds)
//   --database=X   the database's name (default bench_scale_<scale>); it must not exist yet
//   --replace      drop the database first if it exists
// The server is BENCH_DATABASE_URL (or TEST_DATABASE_URL, or the local default), as for the bench.
import postgres from "postgres";
import { CONNECTION_OPTIONS } from "@/db/client";
import { migratePostgresOnce } from "@/db/migrate";
import { hashPassword } from "@/server/services/passwords";
import { serverUrl, withDatabase } from "../database";
import { DATASET_PASSWORD, loadDataset, STUDIO_EMAIL, STUDIO_HANDLE } from "./load";
import { sizesFor } from "./sizes";
import { postTemplates } from "./templates";

const log = (message: string) => console.log(`[bench:data] ${message}`);

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

async function main() {
  const scale = Number(flag("scale") ?? 1);
  const sizes = sizesFor(scale);
  const database = flag("database") ?? `bench_scale_${String(scale).replace(".", "_")}`;
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(database)) throw new Error("--database must be a plain lowercase name ([a-z0-9_]).");
  const server = serverUrl();
  const host = new URL(server).hostname;
  // NOTE: it drops and creates databases: only ever on this machine.
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`The dataset goes to a local server only, not ${host}.`);

  const admin = postgres(server, { ...CONNECTION_OPTIONS, max: 1 });
  try {
    const [existing] = await admin`select 1 from pg_database where datname = ${database}`;
    if (existing && !process.argv.includes("--replace")) {
      throw new Error(`Database ${database} exists. Pass --replace to drop it first, or choose another --database.`);
    }
    if (existing) await admin.unsafe(`drop database "${database}" with (force)`);
    await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  const url = withDatabase(server, database);
  log(`database ${database} at scale ${scale}: ${JSON.stringify(sizes)}`);
  await migratePostgresOnce(url);
  log("migrated");

  const sql = postgres(url, { ...CONNECTION_OPTIONS, max: 1, connect_timeout: 10 });
  try {
    await loadDataset(sql, {
      sizes,
      templates: postTemplates(),
      passwordHash: await hashPassword(DATASET_PASSWORD),
      now: new Date(),
      log,
    });
    const [size] = await sql<{ size: string }[]>`select pg_size_pretty(pg_database_size(current_database())) as size`;
    log(`done: ${database} holds ${size!.size}. DATABASE_URL=${url}`);
    log(`the studio creator: /${STUDIO_HANDLE}, signs in as ${STUDIO_EMAIL} with password "${DATASET_PASSWORD}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:data] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
